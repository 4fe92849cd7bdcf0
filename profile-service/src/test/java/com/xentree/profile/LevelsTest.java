package com.xentree.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LevelsTest {

    @Test
    void boundariesOfTheCurve() {
        assertEquals(new Levels.Standing(1, 0, 100), Levels.standing(0));
        assertEquals(new Levels.Standing(1, 99, 1), Levels.standing(99));
        assertEquals(new Levels.Standing(2, 0, 200), Levels.standing(100));
        assertEquals(new Levels.Standing(2, 199, 1), Levels.standing(299));
        assertEquals(new Levels.Standing(3, 0, 300), Levels.standing(300));
        assertEquals(new Levels.Standing(4, 0, 400), Levels.standing(600));
    }

    @Test
    void veryLargeTotalsStayExact() {
        // level 10,000 starts at 50 * 10000 * 9999
        long start = 50L * 10_000 * 9_999;
        assertEquals(10_000, Levels.levelFor(start));
        assertEquals(9_999, Levels.levelFor(start - 1));
        assertEquals(new Levels.Standing(10_000, 0, 1_000_000), Levels.standing(start));
        int top = Levels.levelFor(Long.MAX_VALUE / 2);
        assertEquals(true, Levels.startOf(top) <= Long.MAX_VALUE / 2 && Levels.startOf(top + 1) > Long.MAX_VALUE / 2);
    }
}
