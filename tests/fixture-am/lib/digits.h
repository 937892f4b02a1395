/* libdigits: what the library offers, computed in Rust or in C. */
#ifndef DIGITS_H
#define DIGITS_H
int digits_answer(void);
unsigned digits_sum(unsigned n);
const char *digits_impl(void);
#endif
