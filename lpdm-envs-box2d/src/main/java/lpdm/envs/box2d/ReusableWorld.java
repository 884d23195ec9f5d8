package lpdm.envs.box2d;

import org.jbox2d.collision.broadphase.DynamicTree;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.ContactManager;
import org.jbox2d.dynamics.World;

/**
 * A jbox2d world that can be emptied back into the state of a newly built one, so an env does not
 * pay for building a world at every reset (about 1.3 ms, mostly the solver's preallocated contact
 * constraints, against some 40 to 150 us per step).
 *
 * <p>{@link #clear()} destroys every body (with its joints, contacts and broad-phase proxies) and
 * then installs a new contact manager with a new broad-phase tree, so proxy ids, pair order and
 * contact order are exactly those of a fresh world: an episode stays a function of its random
 * draws and actions only, whatever ran before (Gymnasium rebuilds LunarLander's world for the same
 * reason). The one field that differs from a fresh world, the inverse of the previous time step,
 * only scales warm-starting impulses in the first step, and those are all zero in a new world.
 */
final class ReusableWorld extends World {

    ReusableWorld(Vec2 gravity, Box2dWorldPool pool) {
        super(gravity, pool, new DynamicTree());
    }

    /** Empties the world (bodies, joints, contacts, broad phase, listener); gravity is kept. */
    void clear() {
        setContactListener(null);
        Body b = getBodyList();
        while (b != null) {
            Body next = b.getNext();
            destroyBody(b);
            b = next;
        }
        m_contactManager = new ContactManager(this, new DynamicTree());
        m_flags = CLEAR_FORCES;
    }
}
