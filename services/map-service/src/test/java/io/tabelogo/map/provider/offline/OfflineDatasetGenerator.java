package io.tabelogo.map.provider.offline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the offline provider's dataset ({@code src/main/resources/offline/places.json}): restaurants in real
 * neighbourhoods of Tokyo, Osaka, Kyoto, Fukuoka and Sapporo, in the JSON shape of a Places API (New) text search
 * response, one place per line. Everything comes from one seeded {@link Random}, so the committed file is exactly
 * what this class prints ({@code OfflineDatasetUnitTest} checks it). Regenerate after changing this class with
 * {@code ./mvnw -pl services/map-service test -Dtest=OfflineDatasetUnitTest -Dtabelogo.regenerate-dataset=true}.
 */
public final class OfflineDatasetGenerator {

    static final long SEED = 20_261_124L;
    static final int PLACES_PER_AREA = 48;
    /** Half the height and width of an area's rectangle in degrees: about 500 m each way. */
    static final double HALF_LAT = 0.0045;

    static final double HALF_LNG = 0.0055;

    /** A neighbourhood: its centre (real coordinates), the place names of its addresses, its phone area code. */
    record Area(
            String name,
            String ward,
            String locality,
            String prefecture,
            String postalCode,
            String phoneArea,
            double latitude,
            double longitude,
            List<String> streets,
            List<String> specialities) {

        boolean contains(double lat, double lng) {
            return Math.abs(lat - latitude) <= HALF_LAT && Math.abs(lng - longitude) <= HALF_LNG;
        }
    }

    enum Hours {
        LUNCH_AND_DINNER,
        ALL_DAY,
        EVENING,
        LATE_NIGHT,
        CAFE,
        AROUND_THE_CLOCK
    }

    record Genre(
            String key,
            List<String> prefixes,
            List<String> types,
            int cheapest,
            int dearest,
            Hours hours,
            List<String> summaries) {}

    static final List<Area> AREAS = List.of(
            tokyo("Shibuya", "Shibuya City", "150-0043", 35.6595, 139.7005, "Dogenzaka", "Udagawacho", "Jinnan"),
            tokyo("Ebisu", "Shibuya City", "150-0013", 35.6467, 139.7101, "Ebisu", "Ebisu-Nishi", "Ebisu-Minami"),
            tokyo("Harajuku", "Shibuya City", "150-0001", 35.6702, 139.7027, "Jingumae"),
            tokyo(
                    "Shinjuku",
                    "Shinjuku City",
                    "160-0022",
                    35.6909,
                    139.7003,
                    "Shinjuku",
                    "Kabukicho",
                    "Nishi-Shinjuku"),
            tokyo("Kagurazaka", "Shinjuku City", "162-0825", 35.7020, 139.7406, "Kagurazaka", "Yokoteramachi"),
            tokyo("Roppongi", "Minato City", "106-0032", 35.6628, 139.7314, "Roppongi", "Nishi-Azabu"),
            tokyo("Azabu-Juban", "Minato City", "106-0045", 35.6553, 139.7368, "Azabujuban", "Moto-Azabu"),
            tokyo("Shimbashi", "Minato City", "105-0004", 35.6663, 139.7583, "Shimbashi", "Nishi-Shimbashi"),
            tokyo("Ginza", "Chuo City", "104-0061", 35.6717, 139.7650, "Ginza"),
            tokyo("Tsukiji", "Chuo City", "104-0045", 35.6655, 139.7707, "Tsukiji"),
            tokyo("Tsukishima", "Chuo City", "104-0052", 35.6627, 139.7840, "Tsukishima", "Kachidoki"),
            tokyo("Nihonbashi", "Chuo City", "103-0027", 35.6840, 139.7745, "Nihonbashi", "Nihonbashi-Muromachi"),
            tokyo("Marunouchi", "Chiyoda City", "100-0005", 35.6812, 139.7671, "Marunouchi", "Yurakucho"),
            tokyo("Kanda", "Chiyoda City", "101-0044", 35.6918, 139.7709, "Kajicho", "Kanda-Jimbocho"),
            tokyo("Akihabara", "Chiyoda City", "101-0021", 35.6984, 139.7731, "Sotokanda"),
            tokyo("Asakusa", "Taito City", "111-0032", 35.7148, 139.7967, "Asakusa", "Kaminarimon"),
            tokyo("Ueno", "Taito City", "110-0005", 35.7138, 139.7773, "Ueno", "Higashi-Ueno"),
            tokyo("Ikebukuro", "Toshima City", "171-0021", 35.7295, 139.7109, "Nishi-Ikebukuro", "Higashi-Ikebukuro"),
            tokyo("Nakameguro", "Meguro City", "153-0061", 35.6440, 139.6990, "Nakameguro", "Kamimeguro"),
            tokyo("Shimokitazawa", "Setagaya City", "155-0031", 35.6616, 139.6680, "Kitazawa"),
            tokyo("Sangenjaya", "Setagaya City", "154-0024", 35.6437, 139.6707, "Sangenjaya", "Taishido"),
            tokyo("Gotanda", "Shinagawa City", "141-0022", 35.6264, 139.7236, "Higashi-Gotanda", "Nishi-Gotanda"),
            tokyo("Koenji", "Suginami City", "166-0003", 35.7053, 139.6496, "Koenji-Minami", "Koenji-Kita"),
            tokyo("Nakano", "Nakano City", "164-0001", 35.7074, 139.6659, "Nakano"),
            tokyo("Oshiage", "Sumida City", "131-0045", 35.7101, 139.8135, "Oshiage", "Narihira"),
            tokyo("Monzen-Nakacho", "Koto City", "135-0048", 35.6717, 139.7960, "Monzennakacho", "Tomioka"),
            osaka("Umeda", "Kita Ward", "530-0001", 34.7025, 135.4959, "Umeda", "Sonezaki"),
            osaka("Tenma", "Kita Ward", "530-0043", 34.7046, 135.5123, "Tenma", "Tenjinbashi"),
            osaka("Namba", "Chuo Ward", "542-0076", 34.6661, 135.5010, "Namba", "Sennichimae"),
            osaka("Shinsaibashi", "Chuo Ward", "542-0085", 34.6748, 135.5012, "Shinsaibashisuji", "Nishishinsaibashi"),
            osaka("Shinsekai", "Naniwa Ward", "556-0002", 34.6525, 135.5063, "Ebisuhigashi"),
            osaka("Tsuruhashi", "Ikuno Ward", "544-0031", 34.6655, 135.5300, "Tsuruhashi"),
            osaka("Kyobashi", "Miyakojima Ward", "534-0024", 34.6967, 135.5343, "Higashinodamachi"),
            kyoto(
                    "Gion",
                    "Higashiyama Ward",
                    "605-0074",
                    35.0037,
                    135.7785,
                    "Gionmachi Minamigawa",
                    "Gionmachi Kitagawa"),
            kyoto("Kawaramachi", "Nakagyo Ward", "604-8026", 35.0050, 135.7690, "Kawaramachi", "Pontocho"),
            kyoto("Karasuma", "Shimogyo Ward", "600-8008", 35.0037, 135.7596, "Shijo Karasuma", "Naginataboko"),
            kyoto("Kyoto Station", "Shimogyo Ward", "600-8216", 34.9858, 135.7588, "Higashishiokoji"),
            kyoto("Arashiyama", "Ukyo Ward", "616-8385", 35.0094, 135.6668, "Sagatenryuji", "Saga"),
            kyoto("Demachiyanagi", "Sakyo Ward", "606-8205", 35.0303, 135.7727, "Tanaka", "Demachi"),
            fukuoka("Tenjin", "Chuo Ward", "810-0001", 33.5903, 130.3990, "Tenjin"),
            fukuoka("Daimyo", "Chuo Ward", "810-0041", 33.5880, 130.3925, "Daimyo"),
            fukuoka("Hakata", "Hakata Ward", "812-0012", 33.5897, 130.4207, "Hakataekimae", "Hakataekichuogai"),
            fukuoka("Nakasu", "Hakata Ward", "810-0801", 33.5931, 130.4065, "Nakasu"),
            fukuoka("Yakuin", "Chuo Ward", "810-0022", 33.5817, 130.3979, "Yakuin"),
            sapporo("Susukino", "Chuo Ward", "064-0805", 43.0556, 141.3530, "Minami 5 Jonishi", "Minami 6 Jonishi"),
            sapporo("Sapporo Station", "Kita Ward", "060-0806", 43.0687, 141.3508, "Kita 6 Jonishi", "Kita 7 Jonishi"),
            sapporo("Odori", "Chuo Ward", "060-0042", 43.0605, 141.3545, "Odorinishi", "Minami 1 Jonishi"),
            sapporo("Maruyama", "Chuo Ward", "064-0801", 43.0540, 141.3190, "Minami 1 Jonishi"));

    static final List<Genre> GENRES = List.of(
            genre(
                    "ramen",
                    List.of("Menya", "Ramen", "Chuka Soba", "Tsukemen", "Niboshi Ramen"),
                    "ramen_restaurant",
                    1,
                    2,
                    Hours.ALL_DAY,
                    "Counter-seat ramen shop serving rich tonkotsu and shoyu ramen noodles.",
                    "Small noodle shop known for its tsukemen and a clear chicken broth ramen.",
                    "Late-night ramen counter with miso ramen and house-made noodles."),
            genre(
                    "sushi",
                    List.of("Sushi", "Sushidokoro", "Edomae Sushi", "Kaiten Sushi"),
                    "sushi_restaurant",
                    2,
                    4,
                    Hours.LUNCH_AND_DINNER,
                    "Edomae sushi counter with an omakase course of seasonal fish.",
                    "Conveyor-belt sushi with fresh sashimi and seafood bowls.",
                    "Neighbourhood sushi restaurant known for its tuna and sea urchin."),
            genre(
                    "yakitori",
                    List.of("Yakitori", "Sumibi Yakitori", "Torisho"),
                    "japanese_restaurant",
                    2,
                    3,
                    Hours.EVENING,
                    "Charcoal-grilled yakitori skewers and sake in a smoky counter bar.",
                    "Yakitori restaurant grilling every part of the chicken over binchotan."),
            genre(
                    "izakaya",
                    List.of("Izakaya", "Sakaba", "Robata"),
                    "bar",
                    2,
                    3,
                    Hours.LATE_NIGHT,
                    "Lively izakaya with small plates, draft beer and a long sake list.",
                    "Robatayaki izakaya grilling fish and vegetables in front of the counter."),
            genre(
                    "tempura",
                    List.of("Tempura", "Tenpura", "Tendon"),
                    "japanese_restaurant",
                    2,
                    4,
                    Hours.LUNCH_AND_DINNER,
                    "Tempura counter frying seasonal seafood and vegetables to order.",
                    "Tendon shop serving tempura rice bowls with a sweet soy sauce."),
            genre(
                    "soba",
                    List.of("Soba", "Teuchi Soba", "Sobadokoro"),
                    "japanese_restaurant",
                    1,
                    2,
                    Hours.LUNCH_AND_DINNER,
                    "Hand-made buckwheat soba noodles, served cold with dipping sauce or in hot broth.",
                    "Old soba house with duck soba and tempura soba."),
            genre(
                    "udon",
                    List.of("Udon", "Sanuki Udon", "Teuchi Udon"),
                    "japanese_restaurant",
                    1,
                    1,
                    Hours.ALL_DAY,
                    "Thick, chewy udon noodles made in the shop, with curry udon and kitsune udon.",
                    "Self-service udon counter with tempura toppings."),
            genre(
                    "tonkatsu",
                    List.of("Tonkatsu", "Katsu", "Tonkatsu Dining"),
                    "japanese_restaurant",
                    2,
                    2,
                    Hours.LUNCH_AND_DINNER,
                    "Tonkatsu restaurant frying thick pork cutlets in a light panko crust.",
                    "Katsu set meals with shredded cabbage, miso soup and rice."),
            genre(
                    "yakiniku",
                    List.of("Yakiniku", "Wagyu Yakiniku", "Horumon"),
                    "barbecue_restaurant",
                    3,
                    4,
                    Hours.EVENING,
                    "Yakiniku barbecue grilling wagyu beef at the table.",
                    "Horumon and yakiniku grill popular for its marbled wagyu."),
            genre(
                    "okonomiyaki",
                    List.of("Okonomiyaki", "Teppanyaki"),
                    "japanese_restaurant",
                    1,
                    2,
                    Hours.ALL_DAY,
                    "Okonomiyaki savoury pancakes and yakisoba cooked on a teppan griddle.",
                    "Teppanyaki restaurant with okonomiyaki and grilled seafood."),
            genre(
                    "curry",
                    List.of("Curry House", "Curry Dining", "Japanese Curry"),
                    "restaurant",
                    1,
                    1,
                    Hours.ALL_DAY,
                    "Japanese curry rice with katsu curry and a spicy beef curry.",
                    "Curry shop serving thick Japanese curry and rice."),
            genre(
                    "cafe",
                    List.of("Kissaten", "Coffee", "Cafe"),
                    "cafe",
                    1,
                    1,
                    Hours.CAFE,
                    "Quiet kissaten coffee shop with hand-drip coffee and toast.",
                    "Cafe with specialty coffee, matcha and sweets."),
            genre(
                    "kaiseki",
                    List.of("Kappo", "Ryotei", "Kaiseki"),
                    "fine_dining_restaurant",
                    4,
                    4,
                    Hours.LUNCH_AND_DINNER,
                    "Kaiseki dinner course of seasonal Japanese dishes in a private room.",
                    "Kappo counter with a chef's course of seasonal fish and vegetables."),
            genre(
                    "unagi",
                    List.of("Unagi", "Unaju"),
                    "japanese_restaurant",
                    3,
                    4,
                    Hours.LUNCH_AND_DINNER,
                    "Unagi restaurant grilling eel over charcoal, served on rice.",
                    "Eel specialist known for its unaju and hitsumabushi."),
            genre(
                    "shabu-shabu",
                    List.of("Shabu-Shabu", "Sukiyaki"),
                    "japanese_restaurant",
                    3,
                    4,
                    Hours.EVENING,
                    "Shabu-shabu and sukiyaki hot pot with thin slices of wagyu.",
                    "Hot pot restaurant with shabu-shabu courses."),
            genre(
                    "gyoza",
                    List.of("Gyoza", "Chinese Dining", "Chuka"),
                    "chinese_restaurant",
                    1,
                    2,
                    Hours.ALL_DAY,
                    "Pan-fried gyoza dumplings, fried rice and beer.",
                    "Chinese diner with gyoza, mapo tofu and ramen."),
            genre(
                    "italian",
                    List.of("Trattoria", "Osteria", "Pizzeria"),
                    "italian_restaurant",
                    2,
                    3,
                    Hours.LUNCH_AND_DINNER,
                    "Italian trattoria with wood-fired pizza and fresh pasta.",
                    "Osteria serving pasta, pizza and natural wine."),
            genre(
                    "french",
                    List.of("Bistro", "Brasserie"),
                    "french_restaurant",
                    3,
                    4,
                    Hours.LUNCH_AND_DINNER,
                    "French bistro with a prix fixe menu and wine.",
                    "Brasserie serving French classics and steak frites."),
            genre(
                    "bar",
                    List.of("Bar", "Whisky Bar", "Cocktail Bar"),
                    "bar",
                    2,
                    3,
                    Hours.LATE_NIGHT,
                    "Cocktail bar with Japanese whisky and highballs.",
                    "Whisky bar with a long list of Japanese single malts."),
            // Local specialities: listed by the areas whose cities are known for them.
            genre(
                    "monjayaki",
                    List.of("Monja", "Monjayaki"),
                    "japanese_restaurant",
                    1,
                    2,
                    Hours.ALL_DAY,
                    "Monjayaki and okonomiyaki cooked at the table on a hot griddle."),
            genre(
                    "kushikatsu",
                    List.of("Kushikatsu", "Kushiage"),
                    "japanese_restaurant",
                    1,
                    2,
                    Hours.ALL_DAY,
                    "Kushikatsu deep-fried skewers with a shared dipping sauce (no double dipping)."),
            genre(
                    "takoyaki",
                    List.of("Takoyaki", "Tako"),
                    "japanese_restaurant",
                    1,
                    1,
                    Hours.ALL_DAY,
                    "Takoyaki octopus balls, crisp outside and soft inside, with sauce and bonito."),
            genre(
                    "obanzai",
                    List.of("Obanzai", "Yudofu", "Kyo Ryori"),
                    "japanese_restaurant",
                    2,
                    3,
                    Hours.LUNCH_AND_DINNER,
                    "Kyoto home-style obanzai dishes and yudofu tofu hot pot."),
            genre(
                    "motsunabe",
                    List.of("Motsunabe", "Yatai"),
                    "japanese_restaurant",
                    2,
                    2,
                    Hours.EVENING,
                    "Hakata motsunabe hot pot with garlic chives and offal in a soy broth."),
            genre(
                    "soup-curry",
                    List.of("Soup Curry", "Jingisukan"),
                    "restaurant",
                    1,
                    2,
                    Hours.ALL_DAY,
                    "Sapporo soup curry with vegetables, and jingisukan grilled lamb."));

    private static final List<String> NAME_ROOTS = List.of(
            "Hanabi",
            "Kaze",
            "Tsubaki",
            "Yamato",
            "Matsu",
            "Sakura",
            "Kiraku",
            "Fukuya",
            "Daikichi",
            "Hinode",
            "Tsuki",
            "Kohaku",
            "Ishin",
            "Mugen",
            "Sora",
            "Kagura",
            "Hotaru",
            "Ginga",
            "Hachi",
            "Ippo",
            "Sen",
            "Raku",
            "Shin",
            "Taiyo",
            "Yuzu",
            "Ume",
            "Kiku",
            "Kaede",
            "Aoi",
            "Hibiki",
            "Homura",
            "Kawa",
            "Mori",
            "Nagi",
            "Tenku",
            "Midori",
            "Akari",
            "Michi",
            "Kotobuki",
            "Tanuki",
            "Kitsune",
            "Daruma",
            "Tora",
            "Ryu",
            "Kame",
            "Suzume",
            "Hoshi",
            "Yuki",
            "Komachi",
            "Izumi");
    private static final List<String> CONTRIBUTORS = List.of(
            "Aiko T.",
            "Kenji M.",
            "Yuki S.",
            "Haruto K.",
            "Mei N.",
            "Sota Y.",
            "Emma L.",
            "Lucas B.",
            "Hana O.",
            "Ren I.",
            "Chloe D.",
            "Daiki F.");
    private static final String[] PRICE_LEVELS = {
        "PRICE_LEVEL_FREE",
        "PRICE_LEVEL_INEXPENSIVE",
        "PRICE_LEVEL_MODERATE",
        "PRICE_LEVEL_EXPENSIVE",
        "PRICE_LEVEL_VERY_EXPENSIVE"
    };
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private final Random random = new Random(SEED);
    private final JsonMapper json = JsonMapper.builder().build();

    private OfflineDatasetGenerator() {}

    /** The dataset file's text. */
    public static String generate() {
        return new OfflineDatasetGenerator().render();
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "src/main/resources/offline/places.json");
        Files.createDirectories(target.getParent());
        Files.writeString(target, generate(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + target.toAbsolutePath());
    }

    private String render() {
        List<String> lines = new ArrayList<>();
        for (Area area : AREAS) {
            for (int i = 0; i < PLACES_PER_AREA; i++) {
                lines.add(json.writeValueAsString(place(area)));
            }
        }
        return "{\"places\": [\n" + String.join(",\n", lines) + "\n]}\n";
    }

    private ObjectNode place(Area area) {
        Genre genre = pickGenre(area);
        String id = "ChIJ" + randomString(23);
        String root = pick(NAME_ROOTS);
        String name = pick(genre.prefixes()) + " " + root + (random.nextInt(4) == 0 ? " " + area.name() : "");
        double lat = round(area.latitude() + (random.nextDouble() * 2 - 1) * HALF_LAT, 7);
        double lng = round(area.longitude() + (random.nextDouble() * 2 - 1) * HALF_LNG, 7);
        String street = pick(area.streets());
        String number = (1 + random.nextInt(4)) + "-" + (1 + random.nextInt(30)) + "-" + (1 + random.nextInt(20));

        ObjectNode place = json.createObjectNode();
        place.put("id", id);
        place.putObject("displayName").put("text", name).put("languageCode", "en");
        place.put("formattedAddress", address(area, street, number));
        place.putObject("location").put("latitude", lat).put("longitude", lng);
        if (random.nextInt(100) >= 3) { // a few new places have no rating yet
            double rating = Math.clamp(3.8 + random.nextGaussian() * 0.35, 2.8, 4.9);
            place.put("rating", round(rating, 1));
            place.put("userRatingCount", (int) Math.min(12_000, Math.round(Math.exp(5 + random.nextGaussian()))));
        }
        if (random.nextInt(100) >= 5) {
            int level = genre.cheapest() + random.nextInt(genre.dearest() - genre.cheapest() + 1);
            place.put("priceLevel", PRICE_LEVELS[level]);
        }
        ArrayNode types = place.putArray("types");
        genre.types().forEach(types::add);
        place.set("photos", photos(id));
        place.set("regularOpeningHours", openingHours(genre.hours()));
        place.set("addressComponents", addressComponents(area, street, number));
        String local = (1000 + random.nextInt(9000)) + "";
        String subscriber = area.phoneArea().length() == 1
                ? (1000 + random.nextInt(9000)) + "-" + local
                : (100 + random.nextInt(900)) + "-" + local;
        place.put("nationalPhoneNumber", "0" + area.phoneArea() + "-" + subscriber);
        place.put("internationalPhoneNumber", "+81 " + area.phoneArea() + "-" + subscriber);
        if (random.nextInt(100) < 60) {
            String slug = (name + " " + area.name()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            place.put("websiteUri", "https://" + slug + ".example.com/");
        }
        place.putObject("editorialSummary").put("text", pick(genre.summaries())).put("languageCode", "en");
        return place;
    }

    /** Local specialities make up about a fifth of an area's places; the rest come from the general genres. */
    private Genre pickGenre(Area area) {
        if (!area.specialities().isEmpty() && random.nextInt(5) == 0) {
            String key = pick(area.specialities());
            return GENRES.stream().filter(g -> g.key().equals(key)).findFirst().orElseThrow();
        }
        return GENRES.get(random.nextInt(19)); // the general genres come first in GENRES
    }

    private static String address(Area area, String street, String number) {
        String city = area.ward() == null ? area.locality() : area.ward() + ", " + area.locality();
        return number + " " + street + ", " + city + ", " + area.prefecture() + " " + area.postalCode() + ", Japan";
    }

    private ArrayNode addressComponents(Area area, String street, String number) {
        ArrayNode components = json.createArrayNode();
        component(components, number, number, "premise");
        component(components, street, street, "sublocality_level_2", "sublocality", "political");
        component(components, area.name(), area.name(), "neighborhood", "political");
        if (area.ward() != null) {
            component(components, area.ward(), area.ward(), "sublocality_level_1", "sublocality", "political");
        }
        component(components, area.locality(), area.locality(), "locality", "political");
        component(components, area.prefecture(), area.prefecture(), "administrative_area_level_1", "political");
        component(components, "Japan", "JP", "country", "political");
        component(components, area.postalCode(), area.postalCode(), "postal_code");
        return components;
    }

    private static void component(ArrayNode components, String longText, String shortText, String... types) {
        ObjectNode component = components.addObject();
        component.put("longText", longText).put("shortText", shortText);
        ArrayNode typeArray = component.putArray("types");
        for (String type : types) {
            typeArray.add(type);
        }
        component.put("languageCode", "en");
    }

    private ArrayNode photos(String placeId) {
        ArrayNode photos = json.createArrayNode();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            ObjectNode photo = photos.addObject();
            boolean landscape = random.nextBoolean();
            photo.put("name", "places/" + placeId + "/photos/" + randomString(40));
            photo.put("widthPx", landscape ? 4032 : 3024);
            photo.put("heightPx", landscape ? 3024 : 4032);
            String contributor = randomDigits(21);
            photo.putArray("authorAttributions")
                    .addObject()
                    .put("displayName", pick(CONTRIBUTORS))
                    .put("uri", "https://maps.google.com/maps/contrib/" + contributor)
                    .put("photoUri", "https://lh3.googleusercontent.com/a/" + randomString(32));
        }
        return photos;
    }

    /** Regular hours in Google's shape: periods (0 = Sunday) and weekday descriptions (Monday first). */
    private ObjectNode openingHours(Hours hours) {
        ObjectNode node = json.createObjectNode();
        ArrayNode periods = node.putArray("periods");
        String[] descriptions = new String[7];
        int closedDay = hours == Hours.AROUND_THE_CLOCK || random.nextInt(3) == 0 ? -1 : random.nextInt(7);
        if (hours == Hours.ALL_DAY && random.nextInt(12) == 0) {
            hours = Hours.AROUND_THE_CLOCK;
            closedDay = -1;
        }
        int[][] spans = spans(hours); // the same hours every open day
        for (int day = 0; day < 7; day++) {
            if (hours == Hours.AROUND_THE_CLOCK) {
                descriptions[day] = DAYS[day] + ": Open 24 hours";
                continue;
            }
            if (day == closedDay) {
                descriptions[day] = DAYS[day] + ": Closed";
                continue;
            }
            List<String> texts = new ArrayList<>();
            for (int[] span : spans) {
                ObjectNode period = periods.addObject();
                period.putObject("open")
                        .put("day", day)
                        .put("hour", span[0] / 60)
                        .put("minute", span[0] % 60);
                int close = span[1];
                int closeDay = close >= 24 * 60 ? (day + 1) % 7 : day;
                period.putObject("close")
                        .put("day", closeDay)
                        .put("hour", (close % (24 * 60)) / 60)
                        .put("minute", close % 60);
                texts.add(clock(span[0]) + " – " + clock(close % (24 * 60)));
            }
            descriptions[day] = DAYS[day] + ": " + String.join(", ", texts);
        }
        if (hours == Hours.AROUND_THE_CLOCK) {
            periods.addObject().putObject("open").put("day", 0).put("hour", 0).put("minute", 0);
        }
        ArrayNode weekdays = node.putArray("weekdayDescriptions");
        for (int i = 1; i <= 7; i++) {
            weekdays.add(descriptions[i % 7]);
        }
        return node;
    }

    /** Opening spans in minutes after midnight; a close past midnight is over 1440. */
    private int[][] spans(Hours hours) {
        int shift = 30 * random.nextInt(2);
        return switch (hours) {
            case LUNCH_AND_DINNER -> new int[][] {{11 * 60 + 30, 14 * 60 + 30}, {17 * 60 + 30 + shift, 22 * 60}};
            case ALL_DAY -> new int[][] {{11 * 60, 22 * 60 + 30 + shift}};
            case EVENING -> new int[][] {{17 * 60 + shift, 24 * 60}};
            case LATE_NIGHT -> new int[][] {{18 * 60, 26 * 60 + shift}};
            case CAFE -> new int[][] {{7 * 60 + 30 + shift, 19 * 60}};
            case AROUND_THE_CLOCK -> new int[][] {};
        };
    }

    private static String clock(int minutes) {
        int hour = minutes / 60;
        String suffix = hour < 12 ? "AM" : "PM";
        int twelve = hour % 12 == 0 ? 12 : hour % 12;
        return twelve + ":" + String.format(Locale.ROOT, "%02d", minutes % 60) + " " + suffix;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String randomString(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return s.toString();
    }

    private String randomDigits(int length) {
        StringBuilder s = new StringBuilder(length);
        s.append(1 + random.nextInt(9));
        for (int i = 1; i < length; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static Genre genre(
            String key,
            List<String> prefixes,
            String type,
            int cheapest,
            int dearest,
            Hours hours,
            String... summaries) {
        List<String> types = new ArrayList<>(List.of(type));
        if (!type.equals("restaurant") && !type.equals("cafe") && !type.equals("bar")) {
            types.add("restaurant");
        }
        types.addAll(List.of("food", "point_of_interest", "establishment"));
        return new Genre(key, prefixes, List.copyOf(types), cheapest, dearest, hours, List.of(summaries));
    }

    private static Area tokyo(String name, String city, String postal, double lat, double lng, String... streets) {
        List<String> specialities = name.equals("Tsukishima") ? List.of("monjayaki") : List.of();
        return new Area(name, null, city, "Tokyo", postal, "3", lat, lng, List.of(streets), specialities);
    }

    private static Area osaka(String name, String ward, String postal, double lat, double lng, String... streets) {
        return new Area(
                name,
                ward,
                "Osaka",
                "Osaka",
                postal,
                "6",
                lat,
                lng,
                List.of(streets),
                List.of("kushikatsu", "takoyaki", "okonomiyaki"));
    }

    private static Area kyoto(String name, String ward, String postal, double lat, double lng, String... streets) {
        return new Area(
                name, ward, "Kyoto", "Kyoto", postal, "75", lat, lng, List.of(streets), List.of("obanzai", "kaiseki"));
    }

    private static Area fukuoka(String name, String ward, String postal, double lat, double lng, String... streets) {
        return new Area(
                name,
                ward,
                "Fukuoka",
                "Fukuoka",
                postal,
                "92",
                lat,
                lng,
                List.of(streets),
                List.of("motsunabe", "ramen"));
    }

    private static Area sapporo(String name, String ward, String postal, double lat, double lng, String... streets) {
        return new Area(
                name,
                ward,
                "Sapporo",
                "Hokkaido",
                postal,
                "11",
                lat,
                lng,
                List.of(streets),
                List.of("soup-curry", "ramen"));
    }
}
