package org.clientele.crm.impl.customer;

/**
 * A registration decided to create a profile, but a concurrent registration of the same person
 * committed first (one of its match keys is now taken). The attempt rolls back and is retried, and the
 * retry finds the winner's profile.
 */
class LostRegistrationRace extends RuntimeException {

  private static final long serialVersionUID = 1L;

  LostRegistrationRace(String kind) {
    super("A concurrent registration took this " + kind + " key first", null, false, false);
  }
}
