package io.tabelogo.restaurant.tabelog;

import io.tabelogo.restaurant.catalog.Restaurant;
import io.tabelogo.restaurant.tabelog.ScrapeCompleted.Result;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which Tabelog result is the restaurant (pure): name similarity (character bigrams, so Japanese names compare as
 * well as romanised ones) against the restaurant's own stored names, plus a little for its area in the Tabelog URL
 * and a lot for its phone number. The names a scrape's requester sent never count: they could name any Tabelog
 * restaurant. Below {@link #THRESHOLD} nothing matches.
 */
final class TabelogMatch {

    static final double THRESHOLD = 0.5;

    /**
     * What the restaurant itself says it is: its stored fields, which only admins and the map provider write, and
     * its Japanese name unless just any user typed it ({@code vouchedNameJa}).
     */
    record Own(String name, String nameJa, String area, String phone) {

        static Own of(Restaurant restaurant, Optional<String> vouchedNameJa) {
            return new Own(restaurant.name(), vouchedNameJa.orElse(null), restaurant.area(), restaurant.phone());
        }
    }

    private TabelogMatch() {}

    static Optional<Result> best(List<Result> results, Own own) {
        Result best = null;
        double bestScore = THRESHOLD;
        for (Result result : results) {
            double score = score(result, own);
            if (score >= bestScore) {
                best = result;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    static double score(Result result, Own own) {
        String name = normalised(result.name());
        double similarity = Math.max(dice(name, normalised(own.name())), dice(name, normalised(own.nameJa())));
        String area = normalised(own.area());
        double sameArea =
                !area.isEmpty() && result.link().toLowerCase(Locale.ROOT).contains("/" + area + "/") ? 0.1 : 0;
        String phone = digits(result.phone());
        double samePhone = phone.length() >= 6 && phone.equals(digits(own.phone())) ? 0.5 : 0;
        return similarity + sameArea + samePhone;
    }

    /** Sørensen–Dice coefficient of the two texts' character bigrams, 0 to 1. */
    static double dice(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        if (a.length() == 1 || b.length() == 1) {
            return a.equals(b) ? 1 : 0;
        }
        Map<String, Integer> bigrams = new HashMap<>();
        for (int i = 0; i < a.length() - 1; i++) {
            bigrams.merge(a.substring(i, i + 2), 1, Integer::sum);
        }
        int shared = 0;
        for (int i = 0; i < b.length() - 1; i++) {
            Integer left = bigrams.get(b.substring(i, i + 2));
            if (left != null && left > 0) {
                bigrams.put(b.substring(i, i + 2), left - 1);
                shared++;
            }
        }
        return 2.0 * shared / ((a.length() - 1) + (b.length() - 1));
    }

    /** Full-width and half-width forms folded, lower case, letters and digits only. */
    static String normalised(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("\\D", "").replaceFirst("^81", "0");
    }
}
