/** What the gateway tells the app about its deployment (GET /app-config.json). */
export interface AppConfig {
  /** A Leaflet tile URL template ({z}/{x}/{y}, {s} for subdomains). */
  tileUrl: string;
  /** The attribution the tile provider requires, as plain text. */
  tileAttribution: string;
}

export const DEFAULT_CONFIG: AppConfig = {
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  tileAttribution: '© OpenStreetMap contributors',
};

export async function loadConfig(): Promise<AppConfig> {
  try {
    const response = await fetch('/app-config.json', { headers: { Accept: 'application/json' } });
    if (!response.ok) return DEFAULT_CONFIG;
    const config = (await response.json()) as { tile_url?: string; tile_attribution?: string };
    return {
      tileUrl: config.tile_url || DEFAULT_CONFIG.tileUrl,
      tileAttribution: config.tile_attribution || DEFAULT_CONFIG.tileAttribution,
    };
  } catch {
    return DEFAULT_CONFIG;
  }
}
