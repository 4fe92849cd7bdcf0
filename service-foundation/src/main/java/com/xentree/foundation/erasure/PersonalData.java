package com.xentree.foundation.erasure;

/**
 * What one service holds about a user, as a bean of that service: {@link ErasureList} calls every
 * one of them in the transaction that records the erasure, so the rows go and the user's hash is
 * listed together, or neither happens.
 */
public interface PersonalData {

    /** Deletes (or detaches) every row of this service that is about the user; runs in the erasure's transaction. */
    void erase(String userId);
}
