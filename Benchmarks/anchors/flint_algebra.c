/*
 * FLINT (C library) anchor for Prism's exact-algebra benchmarks.
 *
 * Compiled and run by Benchmarks/anchors/algebra_anchor.py at run time:
 *
 *     gcc -O2 -o flint_algebra flint_algebra.c -lflint -lmpfr -lgmp
 *
 * Usage (each prints one JSON object on stdout):
 *
 *     flint_algebra hermite_he N REPEATS
 *         all integer coefficients of He_N (fmpz_poly_hermite_he).
 *         Check field sum_abs_mod = (sum_k |c_k|) mod 1000000007.
 *     flint_algebra connection D M REPEATS        (D >= 3)
 *         the table beta_l^m(D), 0 <= l <= m <= M, with
 *         t^m = sum_l beta_l^m P_l^{(D)}(t), P_k^{(D)} = C_k^{(lambda)} / C_k^{(lambda)}(1),
 *         lambda = (D-2)/2 (fmpq_poly_gegenbauer_c), by exact triangular
 *         back-substitution in fmpq_poly arithmetic.  Check fields
 *         beta_m<M>_l0, beta_m<M>_l<M> (exact p/q) and nonzero_count.
 *     flint_algebra tanh_taylor N REPEATS
 *         tanh^{(k)}(0) for k = 0..N: coefficients of fmpq_poly_tanh_series
 *         (length N+1) times k!.  Check field d<N-1>_mod = tanh^{(N-1)}(0)
 *         mod 1000000007 (nonnegative).
 *
 * "seconds" is the best of REPEATS runs, each computing everything from
 * scratch; only the computation is timed, not the check fields.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpz_poly.h>
#include <flint/fmpq.h>
#include <flint/fmpq_poly.h>
#include <flint/fmpq_vec.h>
#include <flint/fmpz_vec.h>

#define CHECK_MODULUS 1000000007UL

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

/* ------------------------------------------------------------------------ */
/* hermite_he                                                               */
/* ------------------------------------------------------------------------ */

static void bench_hermite_he(ulong n, int repeats)
{
    double best = -1.0;
    fmpz_poly_t he;
    fmpz_t sum, c;
    int r;
    slong k;

    fmpz_poly_init(he);
    for (r = 0; r < repeats; r++)
    {
        double start = now(), seconds;
        fmpz_poly_hermite_he(he, n);
        seconds = now() - start;
        if (best < 0 || seconds < best)
            best = seconds;
    }

    fmpz_init(sum);
    fmpz_init(c);
    for (k = 0; k <= fmpz_poly_degree(he); k++)
    {
        fmpz_poly_get_coeff_fmpz(c, he, k);
        fmpz_abs(c, c);
        fmpz_add(sum, sum, c);
    }
    printf("{\"seconds\": %.9g, \"sum_abs_mod\": %lu}\n",
           best, (unsigned long) fmpz_fdiv_ui(sum, CHECK_MODULUS));
    fmpz_clear(c);
    fmpz_clear(sum);
    fmpz_poly_clear(he);
}

/* ------------------------------------------------------------------------ */
/* connection                                                               */
/* ------------------------------------------------------------------------ */

/* beta[m][l] for 0 <= l <= m <= M, stored row by row. */
#define BETA(table, m, l) ((table) + (m) * ((m) + 1) / 2 + (l))

static void connection_table(fmpq * table, ulong d, slong max_m)
{
    fmpq_poly_struct * basis = flint_malloc((max_m + 1) * sizeof(fmpq_poly_struct));
    fmpq * lead = _fmpq_vec_init(max_m + 1);
    fmpq_poly_t rem, tmp;
    fmpq_t lambda, one, value, coeff;
    slong k, m, l;

    fmpq_init(lambda);
    fmpq_init(one);
    fmpq_init(value);
    fmpq_init(coeff);
    fmpq_set_si(lambda, (slong) d - 2, 2);
    fmpq_one(one);

    /* Basis P_k^{(d)} = C_k^{(lambda)} / C_k^{(lambda)}(1) and leading coefficients. */
    for (k = 0; k <= max_m; k++)
    {
        fmpq_poly_init(basis + k);
        fmpq_poly_gegenbauer_c(basis + k, (ulong) k, lambda);
        fmpq_poly_evaluate_fmpq(value, basis + k, one);
        fmpq_poly_scalar_div_fmpq(basis + k, basis + k, value);
        fmpq_poly_get_coeff_fmpq(lead + k, basis + k, k);
    }

    /* t^m = sum_l beta_l P_l by back-substitution from l = m down to 0. */
    fmpq_poly_init(rem);
    fmpq_poly_init(tmp);
    for (m = 0; m <= max_m; m++)
    {
        fmpq_poly_zero(rem);
        fmpq_poly_set_coeff_ui(rem, m, 1);
        for (l = m; l >= 0; l--)
        {
            fmpq * beta = BETA(table, m, l);
            fmpq_poly_get_coeff_fmpq(coeff, rem, l);
            if (fmpq_is_zero(coeff))
            {
                fmpq_zero(beta);
                continue;
            }
            fmpq_div(beta, coeff, lead + l);
            fmpq_poly_scalar_mul_fmpq(tmp, basis + l, beta);
            fmpq_poly_sub(rem, rem, tmp);
        }
        if (!fmpq_poly_is_zero(rem))
        {
            fprintf(stderr, "flint_algebra: nonzero remainder for m = %ld\n", (long) m);
            exit(1);
        }
    }

    fmpq_poly_clear(tmp);
    fmpq_poly_clear(rem);
    for (k = 0; k <= max_m; k++)
        fmpq_poly_clear(basis + k);
    flint_free(basis);
    _fmpq_vec_clear(lead, max_m + 1);
    fmpq_clear(coeff);
    fmpq_clear(value);
    fmpq_clear(one);
    fmpq_clear(lambda);
}

static void bench_connection(ulong d, slong max_m, int repeats)
{
    slong size = (max_m + 1) * (max_m + 2) / 2, i, nonzero = 0;
    fmpq * table = _fmpq_vec_init(size);
    double best = -1.0;
    char * first, * last;
    int r;

    for (r = 0; r < repeats; r++)
    {
        double start = now(), seconds;
        connection_table(table, d, max_m);
        seconds = now() - start;
        if (best < 0 || seconds < best)
            best = seconds;
    }

    for (i = 0; i < size; i++)
        nonzero += !fmpq_is_zero(table + i);
    first = fmpq_get_str(NULL, 10, BETA(table, max_m, 0));
    last = fmpq_get_str(NULL, 10, BETA(table, max_m, max_m));
    printf("{\"seconds\": %.9g, \"beta_m%ld_l0\": \"%s\", \"beta_m%ld_l%ld\": \"%s\", "
           "\"nonzero_count\": %ld}\n",
           best, (long) max_m, first, (long) max_m, (long) max_m, last, (long) nonzero);
    flint_free(first);
    flint_free(last);
    _fmpq_vec_clear(table, size);
}

/* ------------------------------------------------------------------------ */
/* tanh_taylor                                                              */
/* ------------------------------------------------------------------------ */

/* derivs[k] = tanh^{(k)}(0), k = 0..n. */
static void tanh_derivatives(fmpz * derivs, slong n)
{
    fmpq_poly_t x, series;
    fmpq_t c;
    fmpz_t factorial;
    slong k;

    fmpq_poly_init(x);
    fmpq_poly_init(series);
    fmpq_init(c);
    fmpz_init(factorial);

    fmpq_poly_set_coeff_ui(x, 1, 1);
    fmpq_poly_tanh_series(series, x, n + 1);
    fmpz_one(factorial);
    for (k = 0; k <= n; k++)
    {
        if (k > 0)
            fmpz_mul_ui(factorial, factorial, (ulong) k);
        fmpq_poly_get_coeff_fmpq(c, series, k);
        fmpz_mul(derivs + k, fmpq_numref(c), factorial);
        /* The product is an integer: divide exactly by the denominator. */
        fmpz_divexact(derivs + k, derivs + k, fmpq_denref(c));
    }

    fmpz_clear(factorial);
    fmpq_clear(c);
    fmpq_poly_clear(series);
    fmpq_poly_clear(x);
}

static void bench_tanh_taylor(slong n, int repeats)
{
    fmpz * derivs = _fmpz_vec_init(n + 1);
    double best = -1.0;
    int r;

    for (r = 0; r < repeats; r++)
    {
        double start = now(), seconds;
        tanh_derivatives(derivs, n);
        seconds = now() - start;
        if (best < 0 || seconds < best)
            best = seconds;
    }
    printf("{\"seconds\": %.9g, \"d%ld_mod\": %lu}\n", best, (long) (n - 1),
           (unsigned long) fmpz_fdiv_ui(derivs + n - 1, CHECK_MODULUS));
    _fmpz_vec_clear(derivs, n + 1);
}

/* ------------------------------------------------------------------------ */

static void usage(void)
{
    fprintf(stderr, "usage: flint_algebra hermite_he N REPEATS | connection D M REPEATS | "
                    "tanh_taylor N REPEATS\n");
    exit(2);
}

int main(int argc, char ** argv)
{
    if (argc == 2 && strcmp(argv[1], "version") == 0)
    {
        printf("%s\n", FLINT_VERSION);
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "hermite_he") == 0)
        bench_hermite_he(strtoul(argv[2], NULL, 10), atoi(argv[3]));
    else if (argc == 5 && strcmp(argv[1], "connection") == 0 && atol(argv[2]) >= 3)
        bench_connection(strtoul(argv[2], NULL, 10), atol(argv[3]), atoi(argv[4]));
    else if (argc == 4 && strcmp(argv[1], "tanh_taylor") == 0 && atol(argv[2]) >= 1)
        bench_tanh_taylor(atol(argv[2]), atoi(argv[3]));
    else
        usage();
    flint_cleanup();
    return 0;
}
