package com.xentree.adminstats;

import com.xentree.adminstats.rest.DashboardDtos.KpiStat;

/**
 * The previous-period comparison of DESIGN.md section 4: {@code delta} = value − previous,
 * {@code delta_pct} = delta / previous · 100 (null when previous is 0), direction up/down/flat.
 * Values are rounded to one decimal.
 */
public final class Kpis {

    private Kpis() {
    }

    public static KpiStat of(String key, String label, double value, double previous, String unit) {
        double v = round1(value);
        double p = round1(previous);
        double delta = round1(v - p);
        return new KpiStat(key, label, v, p, delta, p == 0 ? null : round1(delta / p * 100), unit,
                delta > 0 ? "up" : delta < 0 ? "down" : "flat");
    }

    public static double round1(double x) {
        return Math.round(x * 10) / 10.0;
    }

    public static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
