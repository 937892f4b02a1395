/* digits N: what libdigits computes. */
#include <stdio.h>
#include <stdlib.h>
#include "digits.h"

int main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 0;
    printf("impl: %s\n", digits_impl());
    printf("answer: %d\n", digits_answer());
    printf("digit sum of %u: %u\n", n, digits_sum(n));
    return 0;
}
