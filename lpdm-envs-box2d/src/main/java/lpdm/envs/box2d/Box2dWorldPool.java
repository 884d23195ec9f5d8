package lpdm.envs.box2d;

import org.jbox2d.collision.AABB;
import org.jbox2d.collision.Collision;
import org.jbox2d.collision.Distance;
import org.jbox2d.collision.TimeOfImpact;
import org.jbox2d.common.Mat22;
import org.jbox2d.common.Mat33;
import org.jbox2d.common.Rot;
import org.jbox2d.common.Vec2;
import org.jbox2d.common.Vec3;
import org.jbox2d.dynamics.Fixture;
import org.jbox2d.dynamics.World;
import org.jbox2d.dynamics.contacts.ChainAndCircleContact;
import org.jbox2d.dynamics.contacts.ChainAndPolygonContact;
import org.jbox2d.dynamics.contacts.CircleContact;
import org.jbox2d.dynamics.contacts.Contact;
import org.jbox2d.dynamics.contacts.EdgeAndCircleContact;
import org.jbox2d.dynamics.contacts.EdgeAndPolygonContact;
import org.jbox2d.dynamics.contacts.PolygonAndCircleContact;
import org.jbox2d.dynamics.contacts.PolygonContact;
import org.jbox2d.pooling.IDynamicStack;
import org.jbox2d.pooling.IWorldPool;
import org.jbox2d.pooling.normal.DefaultWorldPool;
import org.jbox2d.pooling.normal.MutableStack;

/**
 * The jbox2d object pool our worlds are built with ({@code new World(gravity, pool)}): jbox2d's
 * {@link DefaultWorldPool} for scratch objects, and contact objects that start <em>enabled</em>.
 *
 * <p>Why: jbox2d 2.2.1.1's {@code Contact.init} clears every flag, while Box2D (2.2 and 2.3)
 * creates contacts with {@code e_enabledFlag} set. A contact is created at the end of a step's
 * solve phase (when the swept bounding boxes first overlap) and only updated (which enables it)
 * at the next step's collide phase; in between, the step's continuous-collision pass skips
 * disabled contacts. With jbox2d as is, a body that crosses static geometry in the step in which
 * the contact appears tunnels through it: BipedalWalker's shins sank 20 cm into the ground on the
 * very first step, where Gymnasium's Box2D stops them at the surface. Enabling contacts at
 * creation restores Box2D's behaviour. The pool is stateless between steps, so one instance can
 * serve every world an env creates.
 */
final class Box2dWorldPool implements IWorldPool {
    private final DefaultWorldPool scratch = new DefaultWorldPool(World.WORLD_POOL_SIZE, World.WORLD_POOL_CONTAINER_SIZE);

    private final IDynamicStack<Contact> polygon = stack(() -> new PolygonContact(this) {
        @Override
        public void init(Fixture fA, int indexA, Fixture fB, int indexB) {
            super.init(fA, indexA, fB, indexB);
            m_flags |= ENABLED_FLAG;
        }
    });
    private final IDynamicStack<Contact> circle = stack(() -> new CircleContact(this) {
        @Override
        public void init(Fixture fA, int indexA, Fixture fB, int indexB) {
            super.init(fA, indexA, fB, indexB);
            m_flags |= ENABLED_FLAG;
        }
    });
    private final IDynamicStack<Contact> polygonCircle = stack(() -> new PolygonAndCircleContact(this) {
        @Override
        public void init(Fixture fA, int indexA, Fixture fB, int indexB) {
            super.init(fA, indexA, fB, indexB);
            m_flags |= ENABLED_FLAG;
        }
    });
    private final IDynamicStack<Contact> edgeCircle = stack(() -> new EdgeAndCircleContact(this) {
        @Override
        public void init(Fixture fA, int indexA, Fixture fB, int indexB) {
            super.init(fA, indexA, fB, indexB);
            m_flags |= ENABLED_FLAG;
        }
    });
    private final IDynamicStack<Contact> edgePolygon = stack(() -> new EdgeAndPolygonContact(this) {
        @Override
        public void init(Fixture fA, int indexA, Fixture fB, int indexB) {
            super.init(fA, indexA, fB, indexB);
            m_flags |= ENABLED_FLAG;
        }
    });
    private final IDynamicStack<Contact> chainCircle = stack(() -> new ChainAndCircleContact(this) {
        @Override
        public void init(Fixture fA, int indexA, Fixture fB, int indexB) {
            super.init(fA, indexA, fB, indexB);
            m_flags |= ENABLED_FLAG;
        }
    });
    private final IDynamicStack<Contact> chainPolygon = stack(() -> new ChainAndPolygonContact(this) {
        @Override
        public void init(Fixture fA, int indexA, Fixture fB, int indexB) {
            super.init(fA, indexA, fB, indexB);
            m_flags |= ENABLED_FLAG;
        }
    });

    private static IDynamicStack<Contact> stack(java.util.function.Supplier<Contact> factory) {
        return new MutableStack<Contact>(org.jbox2d.common.Settings.CONTACT_STACK_INIT_SIZE) {
            @Override
            protected Contact newInstance() {
                return factory.get();
            }
        };
    }

    @Override
    public IDynamicStack<Contact> getPolyContactStack() {
        return polygon;
    }

    @Override
    public IDynamicStack<Contact> getCircleContactStack() {
        return circle;
    }

    @Override
    public IDynamicStack<Contact> getPolyCircleContactStack() {
        return polygonCircle;
    }

    @Override
    public IDynamicStack<Contact> getEdgeCircleContactStack() {
        return edgeCircle;
    }

    @Override
    public IDynamicStack<Contact> getEdgePolyContactStack() {
        return edgePolygon;
    }

    @Override
    public IDynamicStack<Contact> getChainCircleContactStack() {
        return chainCircle;
    }

    @Override
    public IDynamicStack<Contact> getChainPolyContactStack() {
        return chainPolygon;
    }

    @Override
    public Vec2 popVec2() {
        return scratch.popVec2();
    }

    @Override
    public Vec2[] popVec2(int num) {
        return scratch.popVec2(num);
    }

    @Override
    public void pushVec2(int num) {
        scratch.pushVec2(num);
    }

    @Override
    public Vec3 popVec3() {
        return scratch.popVec3();
    }

    @Override
    public Vec3[] popVec3(int num) {
        return scratch.popVec3(num);
    }

    @Override
    public void pushVec3(int num) {
        scratch.pushVec3(num);
    }

    @Override
    public Mat22 popMat22() {
        return scratch.popMat22();
    }

    @Override
    public Mat22[] popMat22(int num) {
        return scratch.popMat22(num);
    }

    @Override
    public void pushMat22(int num) {
        scratch.pushMat22(num);
    }

    @Override
    public Mat33 popMat33() {
        return scratch.popMat33();
    }

    @Override
    public void pushMat33(int num) {
        scratch.pushMat33(num);
    }

    @Override
    public AABB popAABB() {
        return scratch.popAABB();
    }

    @Override
    public AABB[] popAABB(int num) {
        return scratch.popAABB(num);
    }

    @Override
    public void pushAABB(int num) {
        scratch.pushAABB(num);
    }

    @Override
    public Rot popRot() {
        return scratch.popRot();
    }

    @Override
    public void pushRot(int num) {
        scratch.pushRot(num);
    }

    @Override
    public Collision getCollision() {
        return scratch.getCollision();
    }

    @Override
    public TimeOfImpact getTimeOfImpact() {
        return scratch.getTimeOfImpact();
    }

    @Override
    public Distance getDistance() {
        return scratch.getDistance();
    }

    @Override
    public float[] getFloatArray(int argLength) {
        return scratch.getFloatArray(argLength);
    }

    @Override
    public int[] getIntArray(int argLength) {
        return scratch.getIntArray(argLength);
    }

    @Override
    public Vec2[] getVec2Array(int argLength) {
        return scratch.getVec2Array(argLength);
    }
}
