/* libdigits: calls the Rust static library when configure built it
   (HAVE_RUST, from RUST_CONFIGURE's fourth argument), else its C code. */
#include <config.h>
#include "digits.h"

#ifdef HAVE_RUST
int answer(void);
unsigned answer_digit_sum(unsigned n);
int digits_answer(void) { return answer(); }
unsigned digits_sum(unsigned n) { return answer_digit_sum(n); }
const char *digits_impl(void) { return "rust"; }
#else
int digits_answer(void) { return 42; }
unsigned digits_sum(unsigned n)
{
    unsigned sum = 0;
    for (; n; n /= 10)
        sum += n % 10;
    return sum;
}
const char *digits_impl(void) { return "c"; }
#endif
