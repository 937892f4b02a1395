/* The text loops of CPython 3.13's Modules/_json.c without the Python
 * objects, timed as benches/speed.rs times json-core: scanstring_unicode
 * (its search loop with PyUnicode_READ's kind switch; the fast path's
 * PyUnicode_Substring, which finds the slice's largest character unless
 * the document is an ASCII str; the _PyUnicodeWriter writes of the escape
 * path, each substring's largest character found as CPython finds it),
 * and both passes of ascii_escape_unicode and escape_unicode. Allocating
 * the result str is left out on both sides: the module does it either way.
 *
 *   c_reference scan|ascii|plain KIND ASCII FILE
 *
 * FILE holds the inputs, each as its length in units (a native 64-bit
 * number) and its native units of KIND (1, 2, 4 bytes); the calls go round
 * them. ASCII is 1 when the documents are ASCII strs. Prints the best ns
 * per call. Built by compare.py with CPython's flags (-O3
 * -fno-strict-overflow). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef long ssize;
typedef uint32_t ucs4;

#define READ(kind, data, i) \
    ((kind) == 1 ? ((const uint8_t *)(data))[i] : \
     (kind) == 2 ? ((const uint16_t *)(data))[i] : ((const uint32_t *)(data))[i])

static const char hexdigits[] = "0123456789abcdef";

/* Objects/stringlib/find_max_char.h, the 1-byte and the wider forms. */
static ucs4 find_max_char_1(const uint8_t *p, const uint8_t *end)
{
    while (p < end) {
        if (((uintptr_t)p & 7) == 0) {
            const uint8_t *q = p;
            while (q + 8 <= end) {
                uint64_t value;
                memcpy(&value, q, 8);
                if (value & 0x8080808080808080ULL)
                    return 255;
                q += 8;
            }
            p = q;
            if (p == end)
                break;
        }
        if (*p++ & 0x80)
            return 255;
    }
    return 127;
}

static ucs4 find_max_char_wide(int kind, const void *data, ssize start, ssize end)
{
    ucs4 mask = 0xFFFFFF80, limit = kind == 2 ? 0xFFFFFF00 : 0xFFFF0000;
    ucs4 max_char = 0x7f;
    ssize i = start;
    for (; i + 4 <= end; i += 4) {
        ucs4 bits = READ(kind, data, i) | READ(kind, data, i + 1) |
                    READ(kind, data, i + 2) | READ(kind, data, i + 3);
        while (bits & mask) {
            if (mask == limit)
                return kind == 2 ? 0xffff : 0x10ffff;
            if (mask == 0xFFFFFF80) { mask = 0xFFFFFF00; max_char = 0xff; }
            else { mask = 0xFFFF0000; max_char = 0xffff; }
        }
    }
    for (; i < end; i++) {
        ucs4 c = READ(kind, data, i);
        while (c & mask) {
            if (mask == limit)
                return kind == 2 ? 0xffff : 0x10ffff;
            if (mask == 0xFFFFFF80) { mask = 0xFFFFFF00; max_char = 0xff; }
            else { mask = 0xFFFF0000; max_char = 0xffff; }
        }
    }
    return max_char;
}

static ucs4 find_max_char(int kind, int ascii, const void *data, ssize start, ssize end)
{
    if (ascii)
        return 127;
    if (kind == 1)
        return find_max_char_1((const uint8_t *)data + start, (const uint8_t *)data + end);
    return find_max_char_wide(kind, data, start, end);
}

/* A _PyUnicodeWriter: units of the kind of the largest character so far,
 * over-allocated. */
typedef struct {
    int kind;
    ucs4 maxchar;
    ssize pos, size;
    void *data;
} writer;

static int kind_of(ucs4 maxchar)
{
    return maxchar < 256 ? 1 : maxchar < 65536 ? 2 : 4;
}

static void prepare(writer *w, ssize more, ucs4 maxchar)
{
    int kind = kind_of(maxchar > w->maxchar ? maxchar : w->maxchar);
    if (maxchar > w->maxchar)
        w->maxchar = maxchar < 128 ? 127 : maxchar < 256 ? 255 : maxchar < 65536 ? 0xffff : 0x10ffff;
    if (w->pos + more <= w->size && kind == w->kind)
        return;
    ssize size = w->pos + more;
    if (size < w->size)
        size = w->size;
    size += size / 4;
    void *data = malloc(size * kind);
    for (ssize i = 0; i < w->pos; i++) {
        ucs4 c = w->data ? READ(w->kind, w->data, i) : 0;
        if (kind == 1) ((uint8_t *)data)[i] = c;
        else if (kind == 2) ((uint16_t *)data)[i] = c;
        else ((uint32_t *)data)[i] = c;
    }
    free(w->data);
    w->data = data;
    w->kind = kind;
    w->size = size;
}

static void write_char(writer *w, ucs4 c)
{
    prepare(w, 1, c);
    if (w->kind == 1) ((uint8_t *)w->data)[w->pos] = c;
    else if (w->kind == 2) ((uint16_t *)w->data)[w->pos] = c;
    else ((uint32_t *)w->data)[w->pos] = c;
    w->pos++;
}

static void write_substring(writer *w, int kind, int ascii, const void *data, ssize start, ssize end)
{
    prepare(w, end - start, find_max_char(kind, ascii, data, start, end));
    if (w->kind == kind) {
        memcpy((char *)w->data + w->pos * kind, (const char *)data + start * kind, (end - start) * kind);
    } else {
        for (ssize i = start; i < end; i++) {
            ucs4 c = READ(kind, data, i);
            if (w->kind == 1) ((uint8_t *)w->data)[w->pos + i - start] = c;
            else if (w->kind == 2) ((uint16_t *)w->data)[w->pos + i - start] = c;
            else ((uint32_t *)w->data)[w->pos + i - start] = c;
        }
    }
    w->pos += end - start;
}

/* scanstring_unicode's loop; returns the index after the closing quote
 * (-1 for an error, which the inputs have none of). */
static ssize scanstring(int kind, int ascii, const void *buf, ssize len, ssize end, int strict)
{
    ssize begin = end - 1, next;
    writer w = {1, 0, 0, 0, NULL};
    (void)begin;
    while (1) {
        ucs4 c;
        {
            ucs4 d = 0;
            for (next = end; next < len; next++) {
                d = READ(kind, buf, next);
                if (d == '"' || d == '\\')
                    break;
                if (d <= 0x1f && strict)
                    goto bail;
            }
            c = d;
        }
        if (c == '"') {
            if (w.data == NULL) {
                /* PyUnicode_Substring: the slice's kind, then a copy. */
                volatile ucs4 maxchar = find_max_char(kind, ascii, buf, end, next);
                (void)maxchar;
                return next + 1;
            }
        }
        else if (c != '\\')
            goto bail;
        if (next != end)
            write_substring(&w, kind, ascii, buf, end, next);
        next++;
        if (c == '"') {
            end = next;
            break;
        }
        if (next == len)
            goto bail;
        c = READ(kind, buf, next);
        if (c != 'u') {
            end = next + 1;
            switch (c) {
                case '"': break;
                case '\\': break;
                case '/': break;
                case 'b': c = '\b'; break;
                case 'f': c = '\f'; break;
                case 'n': c = '\n'; break;
                case 'r': c = '\r'; break;
                case 't': c = '\t'; break;
                default: c = 0;
            }
            if (c == 0)
                goto bail;
        }
        else {
            c = 0;
            next++;
            end = next + 4;
            if (end >= len)
                goto bail;
            for (; next < end; next++) {
                ucs4 digit = READ(kind, buf, next);
                c <<= 4;
                switch (digit) {
                    case '0': case '1': case '2': case '3': case '4':
                    case '5': case '6': case '7': case '8': case '9':
                        c |= (digit - '0'); break;
                    case 'a': case 'b': case 'c': case 'd': case 'e': case 'f':
                        c |= (digit - 'a' + 10); break;
                    case 'A': case 'B': case 'C': case 'D': case 'E': case 'F':
                        c |= (digit - 'A' + 10); break;
                    default:
                        goto bail;
                }
            }
            if (c >= 0xd800 && c <= 0xdbff && end + 6 < len &&
                READ(kind, buf, next++) == '\\' && READ(kind, buf, next++) == 'u') {
                ucs4 c2 = 0;
                end += 6;
                for (; next < end; next++) {
                    ucs4 digit = READ(kind, buf, next);
                    c2 <<= 4;
                    switch (digit) {
                        case '0': case '1': case '2': case '3': case '4':
                        case '5': case '6': case '7': case '8': case '9':
                            c2 |= (digit - '0'); break;
                        case 'a': case 'b': case 'c': case 'd': case 'e': case 'f':
                            c2 |= (digit - 'a' + 10); break;
                        case 'A': case 'B': case 'C': case 'D': case 'E': case 'F':
                            c2 |= (digit - 'A' + 10); break;
                        default:
                            goto bail;
                    }
                }
                if (c2 >= 0xdc00 && c2 <= 0xdfff)
                    c = 0x10000 + (((c - 0xd800) << 10) | (c2 - 0xdc00));
                else
                    end -= 6;
            }
        }
        write_char(&w, c);
    }
    free(w.data);
    return end;
bail:
    free(w.data);
    return -1;
}

#define S_CHAR(c) (c >= ' ' && c <= '~' && c != '\\' && c != '"')

static ssize ascii_escape_unichar(ucs4 c, unsigned char *output, ssize chars)
{
    output[chars++] = '\\';
    switch (c) {
        case '\\': output[chars++] = c; break;
        case '"': output[chars++] = c; break;
        case '\b': output[chars++] = 'b'; break;
        case '\f': output[chars++] = 'f'; break;
        case '\n': output[chars++] = 'n'; break;
        case '\r': output[chars++] = 'r'; break;
        case '\t': output[chars++] = 't'; break;
        default:
            if (c >= 0x10000) {
                ucs4 v = 0xD800 - (0x10000 >> 10) + (c >> 10);
                output[chars++] = 'u';
                output[chars++] = hexdigits[(v >> 12) & 0xf];
                output[chars++] = hexdigits[(v >>  8) & 0xf];
                output[chars++] = hexdigits[(v >>  4) & 0xf];
                output[chars++] = hexdigits[(v      ) & 0xf];
                c = 0xDC00 + (c & 0x3FF);
                output[chars++] = '\\';
            }
            output[chars++] = 'u';
            output[chars++] = hexdigits[(c >> 12) & 0xf];
            output[chars++] = hexdigits[(c >>  8) & 0xf];
            output[chars++] = hexdigits[(c >>  4) & 0xf];
            output[chars++] = hexdigits[(c      ) & 0xf];
    }
    return chars;
}

static ssize ascii_escape(int kind, const void *input, ssize input_chars, unsigned char *output)
{
    ssize i, output_size, chars;
    for (i = 0, output_size = 2; i < input_chars; i++) {
        ucs4 c = READ(kind, input, i);
        ssize d;
        if (S_CHAR(c)) {
            d = 1;
        }
        else {
            switch (c) {
            case '\\': case '"': case '\b': case '\f':
            case '\n': case '\r': case '\t':
                d = 2; break;
            default:
                d = c >= 0x10000 ? 12 : 6;
            }
        }
        if (output_size > 0x7fffffffffffffffL - d)
            return -1;
        output_size += d;
    }
    chars = 0;
    output[chars++] = '"';
    for (i = 0; i < input_chars; i++) {
        ucs4 c = READ(kind, input, i);
        if (S_CHAR(c))
            output[chars++] = c;
        else
            chars = ascii_escape_unichar(c, output, chars);
    }
    output[chars++] = '"';
    return chars == output_size ? chars : -1;
}

#define ENCODE_OUTPUT do { \
        chars = 0; \
        output[chars++] = '"'; \
        for (i = 0; i < input_chars; i++) { \
            ucs4 c = READ(kind, input, i); \
            switch (c) { \
            case '\\': output[chars++] = '\\'; output[chars++] = c; break; \
            case '"':  output[chars++] = '\\'; output[chars++] = c; break; \
            case '\b': output[chars++] = '\\'; output[chars++] = 'b'; break; \
            case '\f': output[chars++] = '\\'; output[chars++] = 'f'; break; \
            case '\n': output[chars++] = '\\'; output[chars++] = 'n'; break; \
            case '\r': output[chars++] = '\\'; output[chars++] = 'r'; break; \
            case '\t': output[chars++] = '\\'; output[chars++] = 't'; break; \
            default: \
                if (c <= 0x1f) { \
                    output[chars++] = '\\'; \
                    output[chars++] = 'u'; \
                    output[chars++] = '0'; \
                    output[chars++] = '0'; \
                    output[chars++] = hexdigits[(c >> 4) & 0xf]; \
                    output[chars++] = hexdigits[(c     ) & 0xf]; \
                } else { \
                    output[chars++] = c; \
                } \
            } \
        } \
        output[chars++] = '"'; \
    } while (0)

static ssize escape(int kind, const void *input, ssize input_chars, void *out)
{
    ssize i, output_size, chars;
    for (i = 0, output_size = 2; i < input_chars; i++) {
        ucs4 c = READ(kind, input, i);
        ssize d;
        switch (c) {
        case '\\': case '"': case '\b': case '\f':
        case '\n': case '\r': case '\t':
            d = 2;
            break;
        default:
            d = c <= 0x1f ? 6 : 1;
        }
        if (output_size > 0x7fffffffffffffffL - d)
            return -1;
        output_size += d;
    }
    if (kind == 1) {
        uint8_t *output = out;
        ENCODE_OUTPUT;
    } else if (kind == 2) {
        uint16_t *output = out;
        ENCODE_OUTPUT;
    } else {
        uint32_t *output = out;
        ENCODE_OUTPUT;
    }
    return chars == output_size ? chars : -1;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: c_reference scan|ascii|plain KIND ASCII FILE\n");
        return 2;
    }
    const char *op = argv[1];
    int kind = atoi(argv[2]), ascii = atoi(argv[3]);
    FILE *f = fopen(argv[4], "rb");
    if (!f) {
        perror(argv[4]);
        return 2;
    }
    fseek(f, 0, SEEK_END);
    ssize bytes = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *file = malloc(bytes);
    if (fread(file, 1, bytes, f) != (size_t)bytes)
        return 2;
    fclose(f);
    /* The inputs, each copied to its own allocation, as a str's data. */
    void *inputs[1 << 16];
    ssize lengths[1 << 16], longest = 0;
    int count = 0;
    for (ssize at = 0; at < bytes && count < (1 << 16); count++) {
        uint64_t n;
        memcpy(&n, file + at, 8);
        at += 8;
        inputs[count] = malloc(n * kind + 4);
        memcpy(inputs[count], file + at, n * kind);
        lengths[count] = n;
        longest = n > longest ? n : longest;
        at += n * kind;
    }
    void *out = malloc(12 * longest * kind + 16);
    volatile ssize sink = 0;
    double best = 1e30;
    int next = 0;
    for (int round = 0; round < 15; round++) {
        long calls = 0;
        double start = now(), elapsed;
        do {
            for (int k = 0; k < 16; k++) {
                ssize r;
                next = next + 1 == count ? 0 : next + 1;
                void *input = inputs[next];
                ssize n = lengths[next];
                if (op[0] == 's')
                    r = scanstring(kind, ascii, input, n, 1, 1);
                else if (op[0] == 'a')
                    r = ascii_escape(kind, input, n, out);
                else
                    r = escape(kind, input, n, out);
                if (r < 0) {
                    fprintf(stderr, "c_reference: error on the input\n");
                    return 1;
                }
                sink = r;
            }
            calls += 16;
            elapsed = now() - start;
        } while (elapsed < 0.002);
        if (elapsed / calls < best)
            best = elapsed / calls;
    }
    (void)sink;
    printf("%.1f\n", best * 1e9);
    return 0;
}
