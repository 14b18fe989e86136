package org.baihua.plugins.finance.samples;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the synthetic card-transaction sample {@code samples/synthetic-fraud.csv}. No small public
 * fraud set may be shipped, so this seeded generator stands in; DATA.md documents its patterns.
 * {@link java.util.Random} and {@link StrictMath} make the output identical on every JVM, which
 * {@code SyntheticFraudGeneratorTest} checks against the committed file.
 *
 * <p>Run {@code main} with the output path to regenerate the file after changing the generator.
 */
public final class SyntheticFraudGenerator {

    public static final long SEED = 20_240_607L;
    public static final int ROWS = 20_000;
    /** Share of fraudulent transactions. */
    static final double FRAUD_RATE = 0.02;
    static final String HEADER =
            "transaction_id,timestamp,card_number,amount,currency,merchant_category,channel,country,issuer_country,card_present,is_fraud";

    private static final List<String> HOME = List.of("DE", "DE", "DE", "DE", "DE", "DE", "DE", "FR", "FR", "FR", "FR",
            "GB", "GB", "GB", "NL", "NL", "ES", "ES", "IT", "IT");
    private static final List<String> EUROPE = List.of("DE", "FR", "GB", "NL", "ES", "IT", "AT", "BE", "CH", "PL");
    private static final List<String> FAR = List.of("US", "SG", "HK", "TR", "BR", "TH");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final LocalDateTime START = LocalDateTime.of(2024, 3, 1, 0, 0);
    private static final int DAYS = 92;

    private final Random random;
    private final String[][] cards;

    SyntheticFraudGenerator(long seed) {
        this.random = new Random(seed);
        this.cards = new String[2_000][];
        for (int i = 0; i < cards.length; i++) {
            cards[i] = new String[] {cardNumber(), pick(HOME)};
        }
    }

    public static void main(String[] args) throws IOException {
        try (Writer out = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
            new SyntheticFraudGenerator(SEED).write(ROWS, out);
        }
    }

    /** Writes the header and {@code rows} transactions, each line ending in LF. */
    void write(int rows, Appendable out) throws IOException {
        out.append(HEADER).append('\n');
        for (int i = 1; i <= rows; i++) {
            String[] card = cards[random.nextInt(cards.length)];
            boolean fraud = random.nextDouble() < FRAUD_RATE;
            Txn t = fraud ? fraud(card[1]) : legit(card[1]);
            out.append(String.format(Locale.ROOT, "T%06d,%s,%s,%.2f,%s,%s,%s,%s,%s,%s,%d\n", i, t.time, card[0],
                    t.amount * fx(t.country), currency(t.country), t.mcc, t.channel, t.country, card[1],
                    t.channel.equals("ecommerce") ? "no" : "yes", fraud ? 1 : 0));
        }
    }

    private record Txn(String time, double amount, String mcc, String channel, String country) {}

    /** Everyday spending: mostly at home, in the daytime, at ordinary merchants. */
    private Txn legit(String home) {
        double r = random.nextDouble();
        String country = r < 0.90 ? home : r < 0.985 ? pick(EUROPE) : pick(FAR);
        double c = random.nextDouble();
        if (c < 0.42) {
            String mcc = pick(List.of("5411", "5411", "5812", "5541", "5912", "5651", "5311"));
            return new Txn(time(country, dayHour()), amountFor(mcc), mcc, "pos", country);
        }
        if (c < 0.62) {
            String mcc = pick(List.of("5411", "5812", "5814", "4111"));
            return new Txn(time(country, dayHour()), amountFor(mcc), mcc, "contactless", country);
        }
        if (c < 0.92) {
            String mcc = pick(List.of("5399", "5399", "5732", "4121", "5816", "4511", "7011", "5942"));
            return new Txn(time(country, random.nextDouble() < 0.1 ? nightHour() : eveningHour()), amountFor(mcc),
                    mcc, "ecommerce", country);
        }
        return new Txn(time(country, dayHour()), 20 * (1 + random.nextInt(10)), "6011", "atm", country);
    }

    /** The four documented fraud patterns; the last one looks much like everyday spending on purpose. */
    private Txn fraud(String home) {
        double p = random.nextDouble();
        if (p < 0.40) { // card-not-present spree on resellable goods, often from abroad
            String country = random.nextDouble() < 0.6 ? pick(FAR) : pick(EUROPE);
            String mcc = pick(List.of("5732", "5732", "5944", "5816", "4829"));
            return new Txn(time(country, random.nextDouble() < 0.5 ? nightHour() : anyHour()),
                    amountFor(mcc) * (1.5 + random.nextDouble()), mcc, "ecommerce", country);
        }
        if (p < 0.60) { // card testing: tiny digital purchases, mostly at night
            String country = random.nextDouble() < 0.7 ? pick(FAR) : home;
            return new Txn(time(country, random.nextDouble() < 0.7 ? nightHour() : anyHour()),
                    0.5 + random.nextInt(250) / 100.0, pick(List.of("5816", "5399")), "ecommerce", country);
        }
        if (p < 0.80) { // skimmed card cashed out at foreign ATMs at night
            String country = pick(random.nextDouble() < 0.5 ? FAR : EUROPE);
            return new Txn(time(country, random.nextDouble() < 0.75 ? nightHour() : anyHour()),
                    100 * (2 + random.nextInt(4)), "6011", "atm", country);
        }
        // lost or stolen card used in person at home: larger baskets at department and electronics stores
        String mcc = pick(List.of("5311", "5732", "5541", "5944"));
        return new Txn(time(home, dayHour()), amountFor(mcc) * (1 + random.nextDouble()), mcc,
                random.nextDouble() < 0.5 ? "pos" : "contactless", home);
    }

    /** A log-normal amount around the category's typical basket. */
    private double amountFor(String mcc) {
        double median = switch (mcc) {
            case "5411" -> 35;
            case "5812" -> 28;
            case "5814" -> 9;
            case "5541" -> 55;
            case "5912" -> 18;
            case "5651" -> 60;
            case "5311" -> 75;
            case "4111" -> 3;
            case "5399" -> 40;
            case "5732" -> 180;
            case "4121" -> 22;
            case "5816" -> 8;
            case "4511" -> 320;
            case "7011" -> 210;
            case "5942" -> 25;
            case "5944" -> 400;
            case "4829" -> 250;
            default -> 50;
        };
        return Math.max(0.5, median * StrictMath.exp(0.6 * random.nextGaussian()));
    }

    private String time(String country, double hour) {
        int day = random.nextInt(DAYS);
        int minute = (int) (hour * 60) % (24 * 60);
        LocalDateTime local = START.plusDays(day).plusMinutes(minute).plusSeconds(random.nextInt(60));
        return ZonedDateTime.of(local, zone(country)).format(ISO);
    }

    private double dayHour() {
        return 8 + 14 * random.nextDouble() * random.nextDouble() + 4 * random.nextDouble() * random.nextDouble();
    }

    private double eveningHour() {
        return 7 + 16.5 * random.nextDouble();
    }

    private double nightHour() {
        return 5.5 * random.nextDouble();
    }

    private double anyHour() {
        return 24 * random.nextDouble();
    }

    private String cardNumber() {
        StringBuilder pan = new StringBuilder(random.nextBoolean() ? "4" : "5" + (1 + random.nextInt(5)));
        while (pan.length() < 15) {
            pan.append(random.nextInt(10));
        }
        return pan.append(luhnDigit(pan)).toString();
    }

    private static int luhnDigit(CharSequence partial) {
        int sum = 0;
        for (int i = 0; i < partial.length(); i++) {
            int d = partial.charAt(partial.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static ZoneId zone(String country) {
        return ZoneId.of(switch (country) {
            case "GB" -> "Europe/London";
            case "US" -> "America/New_York";
            case "SG" -> "Asia/Singapore";
            case "HK" -> "Asia/Hong_Kong";
            case "TR" -> "Europe/Istanbul";
            case "BR" -> "America/Sao_Paulo";
            case "TH" -> "Asia/Bangkok";
            default -> "Europe/Berlin";
        });
    }

    private static String currency(String country) {
        return switch (country) {
            case "GB" -> "GBP";
            case "CH" -> "CHF";
            case "PL" -> "PLN";
            case "US" -> "USD";
            case "SG" -> "SGD";
            case "HK" -> "HKD";
            case "TR" -> "TRY";
            case "BR" -> "BRL";
            case "TH" -> "THB";
            default -> "EUR";
        };
    }

    /** Rough units of local currency per euro, so amounts look local. */
    private static double fx(String country) {
        return switch (country) {
            case "GB" -> 0.85;
            case "CH" -> 0.95;
            case "PL" -> 4.3;
            case "US" -> 1.08;
            case "SG" -> 1.45;
            case "HK" -> 8.4;
            case "TR" -> 35;
            case "BR" -> 5.4;
            case "TH" -> 39;
            default -> 1;
        };
    }
}
