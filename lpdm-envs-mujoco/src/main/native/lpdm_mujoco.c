/*
 * JNI binding of lpdm-envs-mujoco to the MuJoCo C library (Debian's libmujoco-dev, MuJoCo 2.2.2).
 *
 * Deliberately small: Java keeps the task logic; this file only forwards calls and copies arrays
 * between mjModel/mjData and Java double[] arrays. Arrays are named by the field numbers of
 * lpdm.envs.mujoco.MujocoNative (the two lists must stay in the same order). The struct layout
 * comes from the installed headers, so nothing here depends on field offsets.
 */
#include <jni.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mujoco/mujoco.h>

typedef struct {
    mjModel* m;
    mjData* d;
    /* Made on the first call of geoms(): its kinematics are computed from d's qpos for pictures,
     * so drawing never changes the simulation's own data. */
    mjData* scratch;
} Sim;

/* Field numbers: keep in step with MujocoNative.java. */
enum {
    F_TIME, F_QPOS, F_QVEL, F_ACT, F_CTRL, F_QACC_WARMSTART, F_QFRC_APPLIED, F_XFRC_APPLIED,
    F_MOCAP_POS, F_MOCAP_QUAT, F_USERDATA, F_QACC, F_ACT_DOT, F_QFRC_CONSTRAINT, F_QFRC_ACTUATOR,
    F_XPOS, F_XIPOS, F_SITE_XPOS, F_CINERT, F_CVEL, F_CACC, F_CFRC_EXT,
    /* model arrays (read only) */
    F_TIMESTEP, F_QPOS0, F_CTRLRANGE, F_BODY_MASS,
    F_COUNT
};

enum { C_NQ, C_NV, C_NU, C_NA, C_NBODY, C_NSITE, C_NMOCAP, C_NUSERDATA, C_NGEOM, C_COUNT };

/* Values per geom written by geoms(): keep in step with MujocoNative.GEOM_VALUES. */
#define GEOM_VALUES 21

static mjtNum* field(Sim* s, int f, int* size) {
    mjModel* m = s->m;
    mjData* d = s->d;
    switch (f) {
        case F_TIME: *size = 1; return &d->time;
        case F_QPOS: *size = m->nq; return d->qpos;
        case F_QVEL: *size = m->nv; return d->qvel;
        case F_ACT: *size = m->na; return d->act;
        case F_CTRL: *size = m->nu; return d->ctrl;
        case F_QACC_WARMSTART: *size = m->nv; return d->qacc_warmstart;
        case F_QFRC_APPLIED: *size = m->nv; return d->qfrc_applied;
        case F_XFRC_APPLIED: *size = 6 * m->nbody; return d->xfrc_applied;
        case F_MOCAP_POS: *size = 3 * m->nmocap; return d->mocap_pos;
        case F_MOCAP_QUAT: *size = 4 * m->nmocap; return d->mocap_quat;
        case F_USERDATA: *size = m->nuserdata; return d->userdata;
        case F_QACC: *size = m->nv; return d->qacc;
        case F_ACT_DOT: *size = m->na; return d->act_dot;
        case F_QFRC_CONSTRAINT: *size = m->nv; return d->qfrc_constraint;
        case F_QFRC_ACTUATOR: *size = m->nv; return d->qfrc_actuator;
        case F_XPOS: *size = 3 * m->nbody; return d->xpos;
        case F_XIPOS: *size = 3 * m->nbody; return d->xipos;
        case F_SITE_XPOS: *size = 3 * m->nsite; return d->site_xpos;
        case F_CINERT: *size = 10 * m->nbody; return d->cinert;
        case F_CVEL: *size = 6 * m->nbody; return d->cvel;
        case F_CACC: *size = 6 * m->nbody; return d->cacc;
        case F_CFRC_EXT: *size = 6 * m->nbody; return d->cfrc_ext;
        case F_TIMESTEP: *size = 1; return &m->opt.timestep;
        case F_QPOS0: *size = m->nq; return m->qpos0;
        case F_CTRLRANGE: *size = 2 * m->nu; return m->actuator_ctrlrange;
        case F_BODY_MASS: *size = m->nbody; return m->body_mass;
        default: *size = -1; return NULL;
    }
}

static void throwNew(JNIEnv* env, const char* cls, const char* msg) {
    jclass c = (*env)->FindClass(env, cls);
    if (c != NULL) {
        (*env)->ThrowNew(env, c, msg);
    }
}

/* Looks up a field and checks the Java array's length; throws and returns NULL on a mismatch. */
static mjtNum* checkedField(JNIEnv* env, Sim* s, jint f, jdoubleArray array, int* size) {
    mjtNum* p = field(s, f, size);
    if (*size < 0) {
        throwNew(env, "java/lang/IllegalArgumentException", "unknown MuJoCo field number");
        return NULL;
    }
    if ((*env)->GetArrayLength(env, array) != *size) {
        char msg[160];
        snprintf(msg, sizeof msg, "MuJoCo field %d has %d values, the array %d", (int) f, *size,
                 (int) (*env)->GetArrayLength(env, array));
        throwNew(env, "java/lang/IllegalArgumentException", msg);
        return NULL;
    }
    return p;
}

/* MuJoCo's default warning handler also appends to MUJOCO_LOG.TXT in the working directory;
 * write warnings to standard error only. */
static void warningToStderr(const char* msg) {
    fprintf(stderr, "MuJoCo warning: %s\n", msg);
}

JNIEXPORT jint JNICALL Java_lpdm_envs_mujoco_MujocoNative_version(JNIEnv* env, jclass cls) {
    return mj_version();
}

JNIEXPORT jlong JNICALL Java_lpdm_envs_mujoco_MujocoNative_load(JNIEnv* env, jclass cls, jstring path) {
    char error[1000] = "";
    const char* file = (*env)->GetStringUTFChars(env, path, NULL);
    if (file == NULL) {
        return 0;
    }
    mju_user_warning = warningToStderr;
    mjModel* m = mj_loadXML(file, NULL, error, sizeof error);
    (*env)->ReleaseStringUTFChars(env, path, file);
    if (m == NULL) {
        throwNew(env, "java/lang/IllegalArgumentException", error[0] ? error : "mj_loadXML failed");
        return 0;
    }
    mjData* d = mj_makeData(m);
    Sim* s = (Sim*) malloc(sizeof(Sim));
    if (d == NULL || s == NULL) {
        if (d != NULL) {
            mj_deleteData(d);
        }
        mj_deleteModel(m);
        free(s);
        throwNew(env, "java/lang/OutOfMemoryError", "MuJoCo could not allocate mjData");
        return 0;
    }
    s->m = m;
    s->d = d;
    s->scratch = NULL;
    return (jlong) (intptr_t) s;
}

JNIEXPORT void JNICALL Java_lpdm_envs_mujoco_MujocoNative_free(JNIEnv* env, jclass cls, jlong h) {
    Sim* s = (Sim*) (intptr_t) h;
    mj_deleteData(s->d);
    if (s->scratch != NULL) {
        mj_deleteData(s->scratch);
    }
    mj_deleteModel(s->m);
    free(s);
}

JNIEXPORT jint JNICALL Java_lpdm_envs_mujoco_MujocoNative_count(JNIEnv* env, jclass cls, jlong h, jint which) {
    mjModel* m = ((Sim*) (intptr_t) h)->m;
    switch (which) {
        case C_NQ: return m->nq;
        case C_NV: return m->nv;
        case C_NU: return m->nu;
        case C_NA: return m->na;
        case C_NBODY: return m->nbody;
        case C_NSITE: return m->nsite;
        case C_NMOCAP: return m->nmocap;
        case C_NUSERDATA: return m->nuserdata;
        case C_NGEOM: return m->ngeom;
        default: return -1;
    }
}

JNIEXPORT jint JNICALL Java_lpdm_envs_mujoco_MujocoNative_size(JNIEnv* env, jclass cls, jlong h, jint f) {
    int size;
    field((Sim*) (intptr_t) h, f, &size);
    return size;
}

JNIEXPORT void JNICALL Java_lpdm_envs_mujoco_MujocoNative_get(JNIEnv* env, jclass cls, jlong h, jint f, jdoubleArray out) {
    int size;
    mjtNum* p = checkedField(env, (Sim*) (intptr_t) h, f, out, &size);
    if (p != NULL && size > 0) {
        (*env)->SetDoubleArrayRegion(env, out, 0, size, p);
    }
}

JNIEXPORT void JNICALL Java_lpdm_envs_mujoco_MujocoNative_set(JNIEnv* env, jclass cls, jlong h, jint f, jdoubleArray in) {
    if (f >= F_TIMESTEP) {
        throwNew(env, "java/lang/IllegalArgumentException", "model fields are read only");
        return;
    }
    int size;
    mjtNum* p = checkedField(env, (Sim*) (intptr_t) h, f, in, &size);
    if (p != NULL && size > 0) {
        (*env)->GetDoubleArrayRegion(env, in, 0, size, p);
    }
}

JNIEXPORT void JNICALL Java_lpdm_envs_mujoco_MujocoNative_resetData(JNIEnv* env, jclass cls, jlong h) {
    Sim* s = (Sim*) (intptr_t) h;
    mj_resetData(s->m, s->d);
}

JNIEXPORT void JNICALL Java_lpdm_envs_mujoco_MujocoNative_forward(JNIEnv* env, jclass cls, jlong h) {
    Sim* s = (Sim*) (intptr_t) h;
    mj_forward(s->m, s->d);
}

/* Sets ctrl, calls mj_step nstep times, then mj_rnePostConstraint (as Gymnasium's MujocoEnv does). */
JNIEXPORT void JNICALL Java_lpdm_envs_mujoco_MujocoNative_step(JNIEnv* env, jclass cls, jlong h, jdoubleArray ctrl, jint nstep) {
    Sim* s = (Sim*) (intptr_t) h;
    int size;
    mjtNum* p = checkedField(env, s, F_CTRL, ctrl, &size);
    if (p == NULL) {
        return;
    }
    if (size > 0) {
        (*env)->GetDoubleArrayRegion(env, ctrl, 0, size, p);
    }
    for (int i = 0; i < nstep; i++) {
        mj_step(s->m, s->d);
    }
    mj_rnePostConstraint(s->m, s->d);
}

JNIEXPORT jint JNICALL Java_lpdm_envs_mujoco_MujocoNative_name2id(JNIEnv* env, jclass cls, jlong h, jint type, jstring name) {
    const char* n = (*env)->GetStringUTFChars(env, name, NULL);
    if (n == NULL) {
        return -1;
    }
    int id = mj_name2id(((Sim*) (intptr_t) h)->m, type, n);
    (*env)->ReleaseStringUTFChars(env, name, n);
    return id;
}

/*
 * What a picture needs of every geom, GEOM_VALUES per geom: type (mjtGeom), group, size[3],
 * rgba[4], then the world position geom_xpos[3] and orientation geom_xmat[9] (row major) of the
 * current qpos and mocap poses. The poses are computed by mj_kinematics on a scratch mjData, so
 * the simulation's own data (and with it every later step) is untouched.
 */
JNIEXPORT void JNICALL Java_lpdm_envs_mujoco_MujocoNative_geoms(JNIEnv* env, jclass cls, jlong h, jdoubleArray out) {
    Sim* s = (Sim*) (intptr_t) h;
    mjModel* m = s->m;
    int size = GEOM_VALUES * m->ngeom;
    if ((*env)->GetArrayLength(env, out) != size) {
        char msg[160];
        snprintf(msg, sizeof msg, "MuJoCo geoms have %d values, the array %d", size, (int) (*env)->GetArrayLength(env, out));
        throwNew(env, "java/lang/IllegalArgumentException", msg);
        return;
    }
    if (s->scratch == NULL) {
        s->scratch = mj_makeData(m);
        if (s->scratch == NULL) {
            throwNew(env, "java/lang/OutOfMemoryError", "MuJoCo could not allocate mjData");
            return;
        }
    }
    mjData* k = s->scratch;
    mju_copy(k->qpos, s->d->qpos, m->nq);
    mju_copy(k->mocap_pos, s->d->mocap_pos, 3 * m->nmocap);
    mju_copy(k->mocap_quat, s->d->mocap_quat, 4 * m->nmocap);
    mj_kinematics(m, k);
    double* v = (double*) malloc(sizeof(double) * (size > 0 ? size : 1));
    if (v == NULL) {
        throwNew(env, "java/lang/OutOfMemoryError", "no memory for the geoms' values");
        return;
    }
    for (int g = 0; g < m->ngeom; g++) {
        double* o = v + GEOM_VALUES * g;
        o[0] = m->geom_type[g];
        o[1] = m->geom_group[g];
        for (int i = 0; i < 3; i++) {
            o[2 + i] = m->geom_size[3 * g + i];
        }
        for (int i = 0; i < 4; i++) {
            o[5 + i] = m->geom_rgba[4 * g + i];
        }
        for (int i = 0; i < 3; i++) {
            o[9 + i] = k->geom_xpos[3 * g + i];
        }
        for (int i = 0; i < 9; i++) {
            o[12 + i] = k->geom_xmat[9 * g + i];
        }
    }
    if (size > 0) {
        (*env)->SetDoubleArrayRegion(env, out, 0, size, v);
    }
    free(v);
}
