import i18next from 'i18next';

export const LANGUAGES = { en: 'English', ja: '日本語', 'zh-Hant': '繁體中文' } as const;
export type Language = keyof typeof LANGUAGES;

const en = {
  appName: 'Tabelogo',
  skipToContent: 'Skip to content',
  nav: { search: 'Search', favorites: 'Favourites', account: 'Account', signIn: 'Sign in', language: 'Language' },
  search: {
    label: 'What are you looking for?',
    placeholder: 'ramen near Shibuya',
    submit: 'Search',
    minRating: 'Minimum rating',
    any: 'Any',
    openNow: 'Open now',
    rank: 'Order by',
    RELEVANCE: 'Relevance',
    DISTANCE: 'Distance',
    thisArea: 'Search this area',
    results_one: '{{count}} restaurant',
    results_other: '{{count}} restaurants',
    none: 'Nothing found here. Try other words or move the map.',
    start: 'Search for a dish, a place or a restaurant; the map’s area guides the search.',
    savedData: 'Saved data from {{age}}: the live source is not answering.',
    mapLabel: 'Map of the results',
    listLabel: 'Results',
    noTiles: 'The map’s background cannot be loaded; the results are still shown.',
    open: 'Open {{name}}',
  },
  restaurant: {
    address: 'Address',
    phone: 'Phone',
    website: 'Website',
    hours: 'Opening hours',
    today: 'today',
    closed: 'Closed',
    priceRange: 'Price range',
    rating: 'Google rating',
    tabelog: 'Tabelog rating',
    tabelogNone: 'No Tabelog rating stored yet.',
    tabelogReviews_one: '{{count}} review',
    tabelogReviews_other: '{{count}} reviews',
    tabelogAge: 'fetched {{age}}',
    tabelogLink: 'See it on Tabelog',
    fetch: 'Get Tabelog rating',
    fetchSignIn: 'Sign in to get the Tabelog rating.',
    status: {
      PENDING: 'Waiting for a free scraper…',
      RUNNING: 'Reading Tabelog…',
      COMPLETED: 'Done. Storing the rating…',
      FAILED: 'Tabelog could not be read: {{error}}',
      NO_MATCH: 'Tabelog lists no restaurant that is clearly this one.',
    },
    back: 'Back to the results',
    notFound: 'This restaurant does not exist (any more).',
  },
  favorites: {
    title: 'Favourites',
    add: 'Add to favourites',
    save: 'Save',
    edit: 'Edit',
    remove: 'Remove',
    cancel: 'Cancel',
    notes: 'Notes',
    tags: 'Tags',
    tagsHint: 'Separate tags with commas.',
    order: 'Order',
    newest: 'Newest first',
    byName: 'By name',
    byArea: 'By area',
    none: 'No favourites yet: open a restaurant and add it.',
    signIn: 'Sign in to keep favourites.',
    yours: 'Your favourite',
  },
  account: {
    sessions: 'Signed-in devices',
    thisDevice: 'this device',
    device: '{{browser}} on {{os}}',
    signOutDevice: 'Sign out that device',
    lastActive: 'last active {{age}}',
    signInTitle: 'Sign in',
    registerTitle: 'Create an account',
    email: 'Email',
    password: 'Password',
    username: 'Name',
    rememberMe: 'Keep me signed in',
    signIn: 'Sign in',
    register: 'Create account',
    toRegister: 'No account yet? Create one',
    toSignIn: 'Have an account? Sign in',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {{name}}',
  },
  problem: {
    unreachable: 'Tabelogo cannot be reached. Check your connection and try again.',
    retryIn: 'Too many requests. Trying again in {{seconds}} s…',
    unavailable: 'This part of Tabelogo is not available right now; the rest still works.',
    partUnavailable: '{{part}} is not available right now; the rest of Tabelogo still works.',
    parts: {
      places: 'Place search',
      restaurants: 'Restaurant pages',
      favorites: 'Favourites',
      tabelog: 'Getting Tabelog ratings',
      accounts: 'Signing in',
    },
    generic: 'Something went wrong: {{detail}}',
  },
  age: { seconds: 'just now', minutes: '{{count}} min ago', hours: '{{count}} h ago', days: '{{count}} days ago' },
};

type Dictionary = typeof en;

const ja: Dictionary = {
  appName: 'Tabelogo',
  skipToContent: '本文へ移動',
  nav: { search: '検索', favorites: 'お気に入り', account: 'アカウント', signIn: 'ログイン', language: '言語' },
  search: {
    label: '何を探していますか？',
    placeholder: '渋谷 ラーメン',
    submit: '検索',
    minRating: '最低評価',
    any: '指定なし',
    openNow: '営業中',
    rank: '並び順',
    RELEVANCE: '関連度',
    DISTANCE: '距離',
    thisArea: 'このエリアで検索',
    results_one: '{{count}}件',
    results_other: '{{count}}件',
    none: '見つかりませんでした。言葉を変えるか地図を動かしてください。',
    start: '料理・場所・店名で検索できます。地図の表示範囲が検索の目安になります。',
    savedData: '{{age}}の保存データです（最新の情報源が応答していません）。',
    mapLabel: '検索結果の地図',
    listLabel: '検索結果',
    noTiles: '地図の背景を読み込めません。検索結果は表示されています。',
    open: '{{name}}を開く',
  },
  restaurant: {
    address: '住所',
    phone: '電話',
    website: 'ウェブサイト',
    hours: '営業時間',
    today: '今日',
    closed: '定休日',
    priceRange: '価格帯',
    rating: 'Google 評価',
    tabelog: '食べログ評価',
    tabelogNone: '食べログ評価はまだありません。',
    tabelogReviews_one: '口コミ{{count}}件',
    tabelogReviews_other: '口コミ{{count}}件',
    tabelogAge: '{{age}}に取得',
    tabelogLink: '食べログで見る',
    fetch: '食べログ評価を取得',
    fetchSignIn: '食べログ評価の取得にはログインが必要です。',
    status: {
      PENDING: '順番を待っています…',
      RUNNING: '食べログを読んでいます…',
      COMPLETED: '完了。評価を保存しています…',
      FAILED: '食べログを読めませんでした: {{error}}',
      NO_MATCH: 'この店と確実に一致する食べログの店舗がありません。',
    },
    back: '検索結果に戻る',
    notFound: 'この店舗は存在しません。',
  },
  favorites: {
    title: 'お気に入り',
    add: 'お気に入りに追加',
    save: '保存',
    edit: '編集',
    remove: '削除',
    cancel: 'キャンセル',
    notes: 'メモ',
    tags: 'タグ',
    tagsHint: 'タグはカンマで区切ってください。',
    order: '並び順',
    newest: '新しい順',
    byName: '名前順',
    byArea: 'エリア順',
    none: 'お気に入りはまだありません。店舗を開いて追加してください。',
    signIn: 'お気に入りを保存するにはログインしてください。',
    yours: 'あなたのお気に入り',
  },
  account: {
    sessions: 'ログイン中の端末',
    thisDevice: 'この端末',
    device: '{{os}} の {{browser}}',
    signOutDevice: 'この端末をログアウト',
    lastActive: '最終利用 {{age}}',
    signInTitle: 'ログイン',
    registerTitle: 'アカウント作成',
    email: 'メールアドレス',
    password: 'パスワード',
    username: '名前',
    rememberMe: 'ログインしたままにする',
    signIn: 'ログイン',
    register: '作成する',
    toRegister: 'アカウントをお持ちでない方はこちら',
    toSignIn: 'アカウントをお持ちの方はログイン',
    signOut: 'ログアウト',
    signedInAs: '{{name}}としてログイン中',
  },
  problem: {
    unreachable: 'Tabelogo に接続できません。接続を確認してもう一度お試しください。',
    retryIn: 'リクエストが多すぎます。{{seconds}}秒後に再試行します…',
    unavailable: 'この機能は現在利用できません。その他の機能は使えます。',
    partUnavailable: '{{part}}は現在利用できません。Tabelogo のその他の機能は使えます。',
    parts: {
      places: 'お店の検索',
      restaurants: 'お店のページ',
      favorites: 'お気に入り',
      tabelog: '食べログ評価の取得',
      accounts: 'ログイン',
    },
    generic: '問題が発生しました: {{detail}}',
  },
  age: { seconds: 'たった今', minutes: '{{count}}分前', hours: '{{count}}時間前', days: '{{count}}日前' },
};

const zhHant: Dictionary = {
  appName: 'Tabelogo',
  skipToContent: '跳至主要內容',
  nav: { search: '搜尋', favorites: '我的最愛', account: '帳號', signIn: '登入', language: '語言' },
  search: {
    label: '想找什麼？',
    placeholder: '澀谷 拉麵',
    submit: '搜尋',
    minRating: '最低評分',
    any: '不限',
    openNow: '營業中',
    rank: '排序',
    RELEVANCE: '相關度',
    DISTANCE: '距離',
    thisArea: '搜尋此區域',
    results_one: '{{count}} 家餐廳',
    results_other: '{{count}} 家餐廳',
    none: '這裡找不到結果。請換個關鍵字或移動地圖。',
    start: '搜尋料理、地點或店名；地圖的範圍會作為搜尋參考。',
    savedData: '這是 {{age}} 的儲存資料（即時來源沒有回應）。',
    mapLabel: '搜尋結果地圖',
    listLabel: '搜尋結果',
    noTiles: '無法載入地圖底圖；搜尋結果仍會顯示。',
    open: '開啟 {{name}}',
  },
  restaurant: {
    address: '地址',
    phone: '電話',
    website: '網站',
    hours: '營業時間',
    today: '今天',
    closed: '公休',
    priceRange: '價位',
    rating: 'Google 評分',
    tabelog: 'Tabelog 評分',
    tabelogNone: '尚未有 Tabelog 評分。',
    tabelogReviews_one: '{{count}} 則評論',
    tabelogReviews_other: '{{count}} 則評論',
    tabelogAge: '{{age}}取得',
    tabelogLink: '在 Tabelog 查看',
    fetch: '取得 Tabelog 評分',
    fetchSignIn: '登入後才能取得 Tabelog 評分。',
    status: {
      PENDING: '等待中…',
      RUNNING: '正在讀取 Tabelog…',
      COMPLETED: '完成，正在儲存評分…',
      FAILED: '無法讀取 Tabelog：{{error}}',
      NO_MATCH: 'Tabelog 上沒有明確對應這家餐廳的店家。',
    },
    back: '回到搜尋結果',
    notFound: '這家餐廳不存在。',
  },
  favorites: {
    title: '我的最愛',
    add: '加入我的最愛',
    save: '儲存',
    edit: '編輯',
    remove: '移除',
    cancel: '取消',
    notes: '備註',
    tags: '標籤',
    tagsHint: '以逗號分隔標籤。',
    order: '排序',
    newest: '最新優先',
    byName: '依名稱',
    byArea: '依地區',
    none: '還沒有最愛：打開一家餐廳即可加入。',
    signIn: '登入後才能保存最愛。',
    yours: '你的最愛',
  },
  account: {
    sessions: '已登入的裝置',
    thisDevice: '此裝置',
    device: '{{os}} 上的 {{browser}}',
    signOutDevice: '登出該裝置',
    lastActive: '最後使用 {{age}}',
    signInTitle: '登入',
    registerTitle: '建立帳號',
    email: '電子郵件',
    password: '密碼',
    username: '名稱',
    rememberMe: '保持登入',
    signIn: '登入',
    register: '建立帳號',
    toRegister: '還沒有帳號？立即建立',
    toSignIn: '已有帳號？登入',
    signOut: '登出',
    signedInAs: '已登入：{{name}}',
  },
  problem: {
    unreachable: '無法連線到 Tabelogo，請檢查網路後再試一次。',
    retryIn: '請求過多，{{seconds}} 秒後自動重試…',
    unavailable: '此功能暫時無法使用，其他功能仍可使用。',
    partUnavailable: '{{part}}暫時無法使用，Tabelogo 的其他功能仍可使用。',
    parts: {
      places: '餐廳搜尋',
      restaurants: '餐廳頁面',
      favorites: '我的最愛',
      tabelog: 'Tabelog 評分取得',
      accounts: '登入',
    },
    generic: '發生問題：{{detail}}',
  },
  age: { seconds: '剛剛', minutes: '{{count}} 分鐘前', hours: '{{count}} 小時前', days: '{{count}} 天前' },
};

const STORED = 'tabelogo.language';

/** The language chosen before, else the browser's first one we speak, else English. */
export function initialLanguage(browser: readonly string[] = navigator.languages ?? []): Language {
  const stored = localStorage.getItem(STORED);
  if (stored && stored in LANGUAGES) return stored as Language;
  for (const tag of browser) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('ja')) return 'ja';
    if (lower === 'zh-tw' || lower === 'zh-hk' || lower === 'zh-mo' || lower.startsWith('zh-hant')) return 'zh-Hant';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export async function setupI18n(language: Language = initialLanguage()) {
  await i18next.init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, ja: { translation: ja }, 'zh-Hant': { translation: zhHant } },
    interpolation: { escapeValue: false }, // Preact escapes what it renders
  });
  document.documentElement.lang = language;
}

export async function changeLanguage(language: Language) {
  localStorage.setItem(STORED, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export const t = i18next.t.bind(i18next);

/** "3 min ago" and so on, in the interface's language. */
export function age(since: string | Date, now: number = Date.now()): string {
  const seconds = Math.max(0, (now - new Date(since).getTime()) / 1000);
  if (seconds < 60) return t('age.seconds');
  if (seconds < 3600) return t('age.minutes', { count: Math.floor(seconds / 60) });
  if (seconds < 86400) return t('age.hours', { count: Math.floor(seconds / 3600) });
  return t('age.days', { count: Math.floor(seconds / 86400) });
}

/** The interface's language as map-service's language_code (en, ja, zh-TW): place data comes in it too. */
export function i18nLanguage(): string {
  const language = i18next.resolvedLanguage ?? i18next.language;
  return language === 'zh-Hant' ? 'zh-TW' : language === 'ja' ? 'ja' : 'en';
}
