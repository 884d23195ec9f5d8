/*
 * MuJoCo's own step time, without Java: loads a model and runs env steps as lpdm-envs-mujoco does
 * (set ctrl to a uniform random action, mj_step frame_skip times, mj_rnePostConstraint, copy qpos
 * and qvel out), resetting every 1000 env steps. Prints microseconds of thread CPU time per env step.
 * Usage: step_loop MODEL.xml FRAME_SKIP ENV_STEPS
 * Build and run: scripts/mujoco-binding-overhead.sh
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mujoco/mujoco.h>

/* CPU time of this thread: on a shared, loaded machine far steadier than wall-clock time. */
static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char** argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: step_loop MODEL.xml FRAME_SKIP ENV_STEPS\n");
        return 2;
    }
    char error[1000] = "";
    mjModel* m = mj_loadXML(argv[1], NULL, error, sizeof error);
    if (m == NULL) {
        fprintf(stderr, "could not load %s: %s\n", argv[1], error);
        return 1;
    }
    int skip = atoi(argv[2]);
    long steps = atol(argv[3]);
    mjData* d = mj_makeData(m);
    double* out = malloc(sizeof(double) * (m->nq + m->nv));
    unsigned long long x = 42;
    double sink = 0;
    double start = now();
    for (long i = 0; i < steps; i++) {
        if (i % 1000 == 0) {
            mj_resetData(m, d);
            mj_forward(m, d);
        }
        for (int u = 0; u < m->nu; u++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            double r = (x >> 11) * (1.0 / 9007199254740992.0);
            double lo = m->actuator_ctrlrange[2 * u], hi = m->actuator_ctrlrange[2 * u + 1];
            d->ctrl[u] = lo + (hi - lo) * r;
        }
        for (int k = 0; k < skip; k++) {
            mj_step(m, d);
        }
        mj_rnePostConstraint(m, d);
        memcpy(out, d->qpos, sizeof(double) * m->nq);
        memcpy(out + m->nq, d->qvel, sizeof(double) * m->nv);
        sink += out[0];
    }
    double seconds = now() - start;
    printf("%s frame_skip %d: %.3f us CPU per env step (%ld env steps; checksum %.17g)\n", argv[1], skip,
           1e6 * seconds / steps, steps, sink);
    mj_deleteData(d);
    mj_deleteModel(m);
    free(out);
    return 0;
}
