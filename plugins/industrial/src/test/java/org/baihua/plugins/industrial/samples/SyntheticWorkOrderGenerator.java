package org.baihua.plugins.industrial.samples;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the synthetic maintenance work-order sample {@code samples/synthetic-work-orders.csv}, in
 * the terse style of real work orders (abbreviations, upper case, part numbers, initials). No
 * public work-order set is shipped, so this seeded generator stands in; DATA.md documents it.
 * {@code SyntheticWorkOrderGeneratorTest} checks that the committed file equals its output.
 *
 * <p>Run {@code main} with the output path to regenerate the file after changing the generator.
 */
public final class SyntheticWorkOrderGenerator {

    public static final long SEED = 20_240_611L;
    public static final int ROWS = 2_000;
    static final String HEADER = "order_id,asset_type,text,category";

    /** Category, share of orders, and the templates its orders are written from. */
    private record Category(String name, double share, List<String> templates) {}

    private static final List<Category> CATEGORIES = List.of(
            new Category("mechanical", 0.28, List.of(
                    "repl worn {brg} on {asset} {side} side",
                    "{asset} noisy, {vib} high, chk {brg} and coupling",
                    "gbx making grinding noise, insp gears",
                    "repl drive blt, blt cracked",
                    "realign coupling on {asset}, {vib} after b/d",
                    "shaft seal worn, repl seal + {brg}",
                    "tighten loose mounting bolts on {asset} frame")),
            new Category("electrical", 0.22, List.of(
                    "{mtr} trips on ovld, reset brkr and chk wrng",
                    "repl blown fuse in ctrl pnl {panel}",
                    "{mtr} won't start, elec flt at contactor",
                    "xfmr overheating, insp conn and cooling",
                    "loose conn on {mtr} terminal box, retorque",
                    "emerg stop sw inop, repl sw",
                    "repl damaged cable to {asset} {mtr}")),
            new Category("hydraulics", 0.18, List.of(
                    "hyd {lk} at {fitting} on {asset}",
                    "repl hyd hose, hose burst on {asset}",
                    "hyd pres low, chk pmp and relief vlv",
                    "hyd cyl {lk} at rod seal, repl seals",
                    "hyd oil lvl low, top up and chk for {lk}",
                    "repl hyd fltr, fltr clogged")),
            new Category("lubrication", 0.14, List.of(
                    "lube {brg} on {asset} per pm",
                    "grease {asset} chain and sprockets",
                    "chk gbx oil lvl, top up {qty} l",
                    "auto lube system flt, line blocked to {brg}",
                    "eng oil chg on {asset}, repl oil fltr",
                    "oil {lk} at gbx drain plug, repl gasket, top up")),
            new Category("instrumentation", 0.10, List.of(
                    "temp sens reading erratic, recal or repl",
                    "pres gauge on {asset} stuck, repl gauge",
                    "calib flow meter {panel}",
                    "level sw flt on tank, clean probe and tst",
                    "{vib} sens cable damaged, repl sens cable",
                    "plc input card flt, chk sens wrng")),
            new Category("pneumatics", 0.08, List.of(
                    "air {lk} at {fitting}, repl fitting",
                    "pneu cyl slow on {asset}, chk vlv and air supply",
                    "air compressor pres low, chk intake fltr",
                    "repl pneu solenoid vlv {panel}",
                    "drain water from air receiver, auto drain inop")));

    private static final List<String> ASSETS = List.of("pump", "conveyor", "press", "compressor", "cnc mill",
            "forklift", "generator", "mixer", "fan");
    /** Remarks that say nothing about the category, as real orders carry them. */
    private static final List<String> REMARKS = List.of("found during pm", "asset oos until fixed", "parts reqd",
            "approx 2 hrs", "approx 30 mins", "cust complaint", "2nd time this month", "see prev wo",
            "hyd pmp area", "near elec pnl", "w/ night shift", "w/o lockout - reported", "chk again next pm");
    private final Random random;

    SyntheticWorkOrderGenerator(long seed) {
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        try (Writer out = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
            new SyntheticWorkOrderGenerator(SEED).write(ROWS, out);
        }
    }

    /** Writes the header and {@code rows} work orders, each line ending in LF. */
    void write(int rows, Appendable out) throws IOException {
        out.append(HEADER).append('\n');
        for (int i = 1; i <= rows; i++) {
            Category category = category();
            String asset = pick(ASSETS);
            String text = fill(pick(category.templates()), asset);
            if (random.nextDouble() < 0.35) {
                text = text + ", " + pick(REMARKS);
            }
            if (random.nextDouble() < 0.3) {
                text = text.toUpperCase(Locale.ROOT);
            }
            if (random.nextDouble() < 0.4) {
                text = text + " - " + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
            }
            if (random.nextDouble() < 0.2) {
                text = text + ". p/n " + (10_000 + random.nextInt(90_000));
            }
            String assetType = random.nextDouble() < 0.1 ? "" : random.nextDouble() < 0.2 ? asset.toUpperCase(Locale.ROOT) : asset;
            out.append(String.format(Locale.ROOT, "WO-%05d,%s,\"%s\",%s\n", i, assetType, text.replace("\"", "\"\""),
                    category.name()));
        }
    }

    private Category category() {
        double r = random.nextDouble();
        double cumulative = 0;
        for (Category c : CATEGORIES) {
            cumulative += c.share();
            if (r < cumulative) {
                return c;
            }
        }
        return CATEGORIES.get(CATEGORIES.size() - 1);
    }

    private String fill(String template, String asset) {
        return template
                .replace("{asset}", random.nextDouble() < 0.5 ? asset : asset + " " + (1 + random.nextInt(12)))
                .replace("{brg}", pick(List.of("brg", "bearing", "brgs", "DE brg", "NDE brg")))
                .replace("{side}", pick(List.of("drive", "non-drive", "north", "south")))
                .replace("{vib}", pick(List.of("vib", "vibration")))
                .replace("{mtr}", pick(List.of("mtr", "motor", "MTR")))
                .replace("{panel}", "P" + (1 + random.nextInt(30)))
                .replace("{lk}", pick(List.of("lk", "leak", "lkg", "leaking")))
                .replace("{fitting}", pick(List.of("fitting", "elbow", "quick coupler", "manifold")))
                .replace("{qty}", String.valueOf(1 + random.nextInt(5)));
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
