package io.tabelogo.map.provider;

/**
 * A search area as Google defines it: {@code low} is the south-west corner, {@code high} the north-east one. A
 * {@code low} longitude greater than the {@code high} one means the rectangle crosses the 180th meridian.
 */
public record Rectangle(LatLng low, LatLng high) {

    public boolean contains(double latitude, double longitude) {
        if (latitude < low.latitude() || latitude > high.latitude()) {
            return false;
        }
        return low.longitude() <= high.longitude()
                ? longitude >= low.longitude() && longitude <= high.longitude()
                : longitude >= low.longitude() || longitude <= high.longitude();
    }

    public LatLng center() {
        double longitude = low.longitude() <= high.longitude()
                ? (low.longitude() + high.longitude()) / 2
                : normalise((low.longitude() + high.longitude() + 360) / 2);
        return new LatLng((low.latitude() + high.latitude()) / 2, longitude);
    }

    private static double normalise(double longitude) {
        return longitude > 180 ? longitude - 360 : longitude;
    }
}
