/*
 * Prism from C: a certified spectrum (as JSON) and a Gram matrix with its error bound.
 *
 *   swift build -c release --product prism-c
 *   cc -I include Examples/prism_example.c -L .build/release -lprism-c \
 *      -Wl,-rpath,$PWD/.build/release -o prism_example && ./prism_example
 *
 * Exit status 0 when every call behaved as documented in include/prism.h.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "prism.h"

int main(void) {
    /* 1. The certified eigenvalues μ_0…μ_4 of the ReLU NTK on S^2, as the CONTRACT's JSON rows. */
    const char *argv[] = {"spectrum", "relu", "--dim", "3", "--degree", "4", "--kernel", "ntk", "--digits", "20", "--format", "json"};
    char *out = NULL, *err = NULL;
    int status = prism_run(12, argv, &out, &err);
    if (status != 0) { fprintf(stderr, "spectrum failed (%d): %s\n", status, err); prism_free(err); return 1; }
    printf("%s", out);
    prism_free(out);

    /* 2. Bad input comes back as status 2 and one line, without stopping this process. */
    const char *bad[] = {"hermite", "not_an_activation", "--degree", "3"};
    status = prism_run(4, bad, &out, &err);
    if (status != 2 || out != NULL || err == NULL) { fprintf(stderr, "bad input not reported\n"); return 1; }
    printf("bad input -> %d: %s\n", status, err);
    prism_free(err);

    /* 3. The depth-3 ReLU NTK Gram matrix of 4 points on S^2 (caller-owned arrays). */
    double x[4 * 3] = {1, 0, 0,  0, 1, 0,  0.6, 0.8, 0,  -1, 0, 0};
    double gram[16], bound = 0;
    status = prism_gram("relu", "ntk", 3, 0, x, 4, 3, gram, &bound, &err);
    if (status != 0) { fprintf(stderr, "gram failed (%d): %s\n", status, err); prism_free(err); return 1; }
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) printf("%s%.17g", j ? " " : "", gram[i * 4 + j]);
        printf("\n");
    }
    printf("error bound %.3g\n", bound);
    /* Θ(1) = L + 1 = 4 for the normalized NTK. */
    if (fabs(gram[0] - 4) > bound || bound > 1e-13) { fprintf(stderr, "diagonal or bound wrong\n"); return 1; }

    /* 4. A bad argument to the array interface: status 2, nothing written. */
    status = prism_gram("relu", "ntk", 0, 0, x, 4, 3, gram, &bound, &err);
    if (status != 2 || err == NULL) { fprintf(stderr, "depth 0 not rejected\n"); return 1; }
    printf("depth 0 -> %d: %s\n", status, err);
    prism_free(err);
    return 0;
}
