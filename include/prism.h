/*
 * prism.h — the C interface of Prism (library libprism-c: `swift build -c release --product prism-c`,
 * then .build/release/libprism-c.so, or .dylib on macOS).
 *
 * Status codes (every function that can fail returns one):
 *   0  success
 *   2  bad input (a one-line message in *err_msg)
 *   1  not certifiable within Prism's limits (a one-line message in *err_msg)
 * Nothing in this interface aborts or exits the host process on bad input.
 *
 * Memory ownership: every `char *` the library stores through an out-parameter (out_json,
 * err_msg) is allocated by the library with malloc, owned by the caller, and released with
 * prism_free (NULL is allowed). On success *err_msg is set to NULL; on failure *out_json is NULL.
 * Pass NULL for an out-parameter you do not want (no string is then allocated for it).
 * Arrays (`values`, `bounds`, `out`) are owned by the caller and filled by the library; their
 * sizes are given below. The library keeps no pointer to anything the caller passes.
 *
 * Thread safety: every function may be called from several threads at once.
 */
#ifndef PRISM_H
#define PRISM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Runs one `prism` command in-process, exactly as the command line would
 * (argv[0] is the subcommand, e.g. {"hermite", "tanh", "--degree", "5", "--format", "json"}).
 * On success *out_json is the command's standard output (JSON with --format json, the
 * CONTRACT's rows). On failure *err_msg is the CLI's one-line message ("prism: ...").
 * Example:
 *   const char *argv[] = {"spectrum", "relu", "--dim", "3", "--degree", "4", "--format", "json"};
 *   char *out = NULL, *err = NULL;
 *   int status = prism_run(8, argv, &out, &err);
 *   ... prism_free(out); prism_free(err);
 */
int prism_run(int argc, const char *const *argv, char **out_json, char **err_msg);

/*
 * The normalized deep kernel K = NNGP Σ^(L) or NTK Θ^(L) (kernel "nngp" or "ntk", depth L ≥ 1) of an
 * activation, at `count` values rho[i] in [-1, 1]: values[i] = K̂(rho[i]) and, if bounds is not NULL,
 * bounds[i] ≥ |K̂(rho[i]) − K(rho[i])| (rigorous). relu, leaky_relu(a), abs (and step, sign: NNGP
 * only) use the closed-form angle recursion; other activations the certified power series
 * truncated at `order` (1…200; ignored for the arc-cosine family).
 * values and bounds hold `count` doubles each.
 */
int prism_kernel_values(const char *activation, const char *kernel, int depth, int order,
                        const double *rho, size_t count, double *values, double *bounds, char **err_msg);

/*
 * The Gram matrix out[i*n + j] = K(cos ∠(x_i, x_j)) of n points x_i in R^d (points row-major,
 * n*d doubles; out holds n*n doubles), and *error_bound ≥ |out[i*n+j] − exact| for every entry.
 * The arc-cosine family accepts any non-zero rows (the kernel of their directions); the series
 * evaluators require unit rows (|‖x‖² − 1| ≤ 2^-20).
 */
int prism_gram(const char *activation, const char *kernel, int depth, int order,
               const double *points, size_t n, size_t d, double *out, double *error_bound, char **err_msg);

/* Releases a string returned by the library (NULL is a no-op). */
void prism_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif /* PRISM_H */
