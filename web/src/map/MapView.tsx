import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppConfig } from '../appConfig';
import { t } from '../i18n';
import type { Bbox } from '../search/searchParams';

export interface Marker {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
}

interface Props {
  config: AppConfig;
  bbox: Bbox;
  markers: Marker[];
  highlighted: string | null;
  onHighlight: (id: string | null) => void;
  onSelect: (id: string) => void;
  /** The visible area after the user moved the map. */
  onMoved: (bbox: Bbox) => void;
}

const markerIcon = (active: boolean) =>
  L.divIcon({ className: active ? 'pin pin-active' : 'pin', iconSize: [22, 22], iconAnchor: [11, 22] });

/** Leaflet with the configured tiles; the markers work without them (offline: a plain background and a notice). */
export function MapView({ config, bbox, markers, highlighted, onHighlight, onSelect, onMoved }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const pins = useRef(new Map<string, L.Marker>());
  const programmatic = useRef(false);
  const handlers = useRef({ onHighlight, onSelect, onMoved });
  handlers.current = { onHighlight, onSelect, onMoved };
  const [tilesFailed, setTilesFailed] = useState(false);

  useEffect(() => {
    const created = L.map(element.current!, { zoomControl: true, attributionControl: true });
    created.fitBounds(L.latLngBounds([bbox.south, bbox.west], [bbox.north, bbox.east]), { animate: false });
    const tiles = L.tileLayer(config.tileUrl, { attribution: escapeHtml(config.tileAttribution), maxZoom: 19 });
    let loaded = 0;
    let failed = 0;
    tiles.on('tileload', () => loaded++);
    tiles.on('tileerror', () => {
      failed++;
      if (loaded === 0 && failed >= 2) setTilesFailed(true);
    });
    tiles.addTo(created);
    layer.current = L.layerGroup().addTo(created);
    created.on('moveend', () => {
      if (programmatic.current) {
        programmatic.current = false;
        return;
      }
      const bounds = created.getBounds();
      handlers.current.onMoved({
        west: bounds.getWest(),
        south: bounds.getSouth(),
        east: bounds.getEast(),
        north: bounds.getNorth(),
      });
    });
    map.current = created;
    return () => created.remove();
  }, [config.tileUrl, config.tileAttribution]);

  useEffect(() => {
    const current = map.current;
    if (!current) return;
    const bounds = L.latLngBounds([bbox.south, bbox.west], [bbox.north, bbox.east]);
    if (!current.getBounds().equals(bounds, 1e-4)) {
      programmatic.current = true;
      current.fitBounds(bounds, { animate: false });
    }
  }, [bbox.west, bbox.south, bbox.east, bbox.north]);

  useEffect(() => {
    const group = layer.current;
    if (!group) return;
    group.clearLayers();
    pins.current.clear();
    for (const marker of markers) {
      const pin = L.marker([marker.latitude, marker.longitude], {
        icon: markerIcon(marker.id === highlighted),
        title: marker.name,
        alt: marker.name,
        // The list is the markers' equivalent for keyboards and screen readers (focusing an entry highlights its
        // marker): markers stay pointer-only, so the tab order does not run through twenty pins.
        keyboard: false,
      });
      pin.on('mouseover', () => handlers.current.onHighlight(marker.id));
      pin.on('mouseout', () => handlers.current.onHighlight(null));
      pin.on('click', () => handlers.current.onSelect(marker.id));
      pin.addTo(group);
      pins.current.set(marker.id, pin);
    }
  }, [markers]);

  useEffect(() => {
    for (const [id, pin] of pins.current) {
      pin.setIcon(markerIcon(id === highlighted));
      pin.setZIndexOffset(id === highlighted ? 1000 : 0);
    }
  }, [highlighted]);

  return (
    <div class={tilesFailed ? 'map-wrap map-offline' : 'map-wrap'}>
      {/* Leaflet adds its own classes to this element: its class attribute must never be re-rendered. */}
      <div ref={element} class="map" role="region" aria-label={t('search.mapLabel')} />
      {tilesFailed && (
        <p class="notice notice-map" role="status">
          {t('search.noTiles')}
        </p>
      )}
    </div>
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
