import type { GeoPoint } from './matching.types';

const EARTH_RADIUS_KM = 6371.0088;
const RADIANS = Math.PI / 180;

/** Great-circle distance in kilometres (haversine). */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.lat - a.lat) * RADIANS;
  const dLng = (b.lng - a.lng) * RADIANS;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RADIANS) * Math.cos(b.lat * RADIANS) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A point pre-converted for repeated distance checks. */
export interface PreparedPoint {
  readonly latRad: number;
  readonly lngRad: number;
  readonly cosLat: number;
}

export function preparePoint(point: GeoPoint | null): PreparedPoint | null {
  if (point === null || !isValidPoint(point)) return null;
  const latRad = point.lat * RADIANS;
  return { latRad, lngRad: point.lng * RADIANS, cosLat: Math.cos(latRad) };
}

export function preparedDistanceKm(a: PreparedPoint, b: PreparedPoint): number {
  const sLat = Math.sin((b.latRad - a.latRad) / 2);
  const sLng = Math.sin((b.lngRad - a.lngRad) / 2);
  const h = sLat * sLat + a.cosLat * b.cosLat * sLng * sLng;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function isValidPoint(point: GeoPoint): boolean {
  return (
    Number.isFinite(point.lat) &&
    Number.isFinite(point.lng) &&
    Math.abs(point.lat) <= 90 &&
    Math.abs(point.lng) <= 180
  );
}

/** Distance from a prepared point to a plain (valid) point. */
export function haversineFrom(a: PreparedPoint, b: GeoPoint): number {
  const latRad = b.lat * RADIANS;
  return haversineFromRadians(a, latRad, b.lng * RADIANS, Math.cos(latRad));
}

/**
 * Distance from a prepared point to one given in radians with its cos(latitude) (see
 * CandidateIndex): the same operations as haversineFrom, so the same result to the bit.
 */
export function haversineFromRadians(
  a: PreparedPoint,
  latRad: number,
  lngRad: number,
  cosLat: number,
): number {
  const sLat = Math.sin((latRad - a.latRad) / 2);
  const sLng = Math.sin((lngRad - a.lngRad) / 2);
  const h = sLat * sLat + a.cosLat * cosLat * sLng * sLng;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Degrees to radians, as every distance here converts them. */
export const toRadians = (degrees: number): number => degrees * RADIANS;
