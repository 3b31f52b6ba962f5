declare const __APP_VERSION__: string;
declare const __APP_COMMIT__: string;

/** The build's version and commit, given by the Maven build: the same as every service's /info. */
export const VERSION: string = __APP_VERSION__;
export const COMMIT: string = __APP_COMMIT__;
