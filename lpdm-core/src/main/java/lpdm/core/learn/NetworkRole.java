package lpdm.core.learn;

/** Which network of an agent a learner trains; local rules pick their guidance signal by it. */
public enum NetworkRole {
    ACTOR,
    CRITIC
}
