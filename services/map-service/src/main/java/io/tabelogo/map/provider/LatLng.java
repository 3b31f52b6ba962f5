package io.tabelogo.map.provider;

/** A point in degrees; zero is a valid coordinate. */
public record LatLng(double latitude, double longitude) {}
