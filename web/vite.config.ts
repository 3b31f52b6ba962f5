/// <reference types="vitest/config" />
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// Built into target/classes/static: the Maven module's jar, which the gateway serves at /.
export default defineConfig({
  plugins: [preact()],
  // The Maven build passes its version and commit (web/pom.xml); a plain npm build is "dev".
  define: {
    __APP_VERSION__: JSON.stringify(process.env.TABELOGO_VERSION ?? 'dev'),
    __APP_COMMIT__: JSON.stringify(process.env.TABELOGO_COMMIT ?? 'unknown'),
  },
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    assetsInlineLimit: 0, // no data: URLs: the CSP allows images from 'self' and the tile server only
    sourcemap: false,
  },
  server: {
    // npm run dev: the API of a platform started with ./tabelogo up
    proxy: { '/api': 'http://127.0.0.1:8000', '/app-config.json': 'http://127.0.0.1:8000' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
