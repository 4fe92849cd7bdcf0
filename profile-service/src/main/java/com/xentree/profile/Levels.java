package com.xentree.profile;

/**
 * The level curve of DESIGN.md section 4, the only place it is defined: level 1 starts at 0 XP and
 * going from level L to L+1 needs 100·L XP, so level L starts at 50·L·(L−1) XP.
 */
public final class Levels {

    /** Where a total XP stands on the curve. */
    public record Standing(int level, long currentLevelXp, long xpNeededForNextLevel) {
    }

    private Levels() {
    }

    /** Total XP at which the level starts. */
    public static long startOf(int level) {
        return 50L * level * (level - 1);
    }

    public static int levelFor(long totalXp) {
        if (totalXp < 0) {
            throw new IllegalArgumentException("total XP cannot be negative");
        }
        // solve 50·L·(L−1) <= total for the largest L, then correct floating-point error
        int level = (int) Math.floor((1 + Math.sqrt(1 + totalXp / 12.5)) / 2);
        while (startOf(level + 1) <= totalXp) {
            level++;
        }
        while (level > 1 && startOf(level) > totalXp) {
            level--;
        }
        return Math.max(level, 1);
    }

    public static Standing standing(long totalXp) {
        int level = levelFor(totalXp);
        return new Standing(level, totalXp - startOf(level), startOf(level + 1) - totalXp);
    }
}
