/* The algorithm loops of CPython 3.13's Modules/binascii.c and
 * Python/pystrhex.c, without the Python object plumbing, timed like
 * speed.rs times the Rust code. Built by compare.py with CPython's flags
 * (-O3 -fwrapv) and zlib for crc32, as CPython is on Debian. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

typedef long ssize;

static const unsigned char table_a2b_base64[] = {
    -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1,
    -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1,
    -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,62, -1,-1,-1,63,
    52,53,54,55, 56,57,58,59, 60,61,-1,-1, -1, 0,-1,-1,
    -1, 0, 1, 2,  3, 4, 5, 6,  7, 8, 9,10, 11,12,13,14,
    15,16,17,18, 19,20,21,22, 23,24,25,-1, -1,-1,-1,-1,
    -1,26,27,28, 29,30,31,32, 33,34,35,36, 37,38,39,40,
    41,42,43,44, 45,46,47,48, 49,50,51,-1, -1,-1,-1,-1,
    -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1,
    -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1,
    -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1,
    -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1,
    -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1,
    -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1,
    -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1,
    -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1, -1,-1,-1,-1,
};
static const unsigned char table_b2a_base64[] =
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static unsigned short crctab_hqx[256];
static signed char digit_value[256];
static const char hexdigits[] = "0123456789abcdef";

static ssize a2b_base64(const unsigned char *ascii_data, size_t ascii_len, unsigned char *bin_data)
{
    unsigned char *start = bin_data;
    int quad_pos = 0, pads = 0;
    unsigned char leftchar = 0;
    for (size_t i = 0; i < ascii_len; i++) {
        unsigned char this_ch = ascii_data[i];
        if (this_ch == '=') {
            if (quad_pos >= 2 && quad_pos + ++pads >= 4)
                goto done;
            continue;
        }
        this_ch = table_a2b_base64[this_ch];
        if (this_ch >= 64)
            continue;
        pads = 0;
        switch (quad_pos) {
        case 0: quad_pos = 1; leftchar = this_ch; break;
        case 1: quad_pos = 2; *bin_data++ = (leftchar << 2) | (this_ch >> 4); leftchar = this_ch & 0x0f; break;
        case 2: quad_pos = 3; *bin_data++ = (leftchar << 4) | (this_ch >> 2); leftchar = this_ch & 0x03; break;
        case 3: quad_pos = 0; *bin_data++ = (leftchar << 6) | (this_ch); leftchar = 0; break;
        }
    }
    if (quad_pos != 0)
        return -1;
done:
    return bin_data - start;
}

static ssize b2a_base64(const unsigned char *bin_data, ssize bin_len, unsigned char *ascii_data)
{
    unsigned char *start = ascii_data;
    int leftbits = 0;
    unsigned int leftchar = 0;
    for (; bin_len > 0; bin_len--, bin_data++) {
        leftchar = (leftchar << 8) | *bin_data;
        leftbits += 8;
        while (leftbits >= 6) {
            unsigned char this_ch = (leftchar >> (leftbits - 6)) & 0x3f;
            leftbits -= 6;
            *ascii_data++ = table_b2a_base64[this_ch];
        }
    }
    if (leftbits == 2) {
        *ascii_data++ = table_b2a_base64[(leftchar & 3) << 4];
        *ascii_data++ = '=';
        *ascii_data++ = '=';
    } else if (leftbits == 4) {
        *ascii_data++ = table_b2a_base64[(leftchar & 0xf) << 2];
        *ascii_data++ = '=';
    }
    *ascii_data++ = '\n';
    return ascii_data - start;
}

static ssize a2b_hex(const unsigned char *argbuf, ssize arglen, unsigned char *retbuf)
{
    ssize i, j;
    if (arglen % 2)
        return -1;
    for (i = j = 0; i < arglen; i += 2) {
        unsigned int top = (unsigned char)digit_value[argbuf[i]];
        unsigned int bot = (unsigned char)digit_value[argbuf[i + 1]];
        if (top >= 16 || bot >= 16)
            return -1;
        retbuf[j++] = (top << 4) + bot;
    }
    return j;
}

/* pystrhex.c with bytes output */
static ssize b2a_hex(const unsigned char *argbuf, ssize arglen, int has_sep, unsigned char sep_char,
                     int bytes_per_sep_group, unsigned char *retbuf)
{
    if (!has_sep)
        bytes_per_sep_group = 0;
    unsigned int abs_bytes_per_sep = abs(bytes_per_sep_group);
    ssize resultlen = 0;
    if (bytes_per_sep_group && arglen > 0)
        resultlen = (arglen - 1) / abs_bytes_per_sep;
    resultlen += arglen * 2;
    if ((size_t)abs_bytes_per_sep >= (size_t)arglen) {
        bytes_per_sep_group = 0;
        abs_bytes_per_sep = 0;
    }
    ssize i, j;
    unsigned char c;
    if (bytes_per_sep_group == 0) {
        for (i = j = 0; i < arglen; ++i) {
            c = argbuf[i];
            retbuf[j++] = hexdigits[c >> 4];
            retbuf[j++] = hexdigits[c & 0x0f];
        }
    } else {
        ssize chunks = (arglen - 1) / abs_bytes_per_sep, chunk;
        unsigned int k;
        if (bytes_per_sep_group < 0) {
            i = j = 0;
            for (chunk = 0; chunk < chunks; chunk++) {
                for (k = 0; k < abs_bytes_per_sep; k++) {
                    c = argbuf[i++];
                    retbuf[j++] = hexdigits[c >> 4];
                    retbuf[j++] = hexdigits[c & 0x0f];
                }
                retbuf[j++] = sep_char;
            }
            while (i < arglen) {
                c = argbuf[i++];
                retbuf[j++] = hexdigits[c >> 4];
                retbuf[j++] = hexdigits[c & 0x0f];
            }
        } else {
            i = arglen - 1;
            j = resultlen - 1;
            for (chunk = 0; chunk < chunks; chunk++) {
                for (k = 0; k < abs_bytes_per_sep; k++) {
                    c = argbuf[i--];
                    retbuf[j--] = hexdigits[c & 0x0f];
                    retbuf[j--] = hexdigits[c >> 4];
                }
                retbuf[j--] = sep_char;
            }
            while (i >= 0) {
                c = argbuf[i--];
                retbuf[j--] = hexdigits[c & 0x0f];
                retbuf[j--] = hexdigits[c >> 4];
            }
        }
    }
    return resultlen;
}

static ssize a2b_uu(const unsigned char *ascii_data, ssize ascii_len, unsigned char *bin_data)
{
    int leftbits = 0;
    unsigned char this_ch;
    unsigned int leftchar = 0;
    ssize bin_len = (*ascii_data++ - ' ') & 077, n = bin_len;
    ascii_len--;
    for (; bin_len > 0; ascii_len--, ascii_data++) {
        this_ch = (ascii_len > 0) ? *ascii_data : 0;
        if (this_ch == '\n' || this_ch == '\r' || ascii_len <= 0) {
            this_ch = 0;
        } else {
            if (this_ch < ' ' || this_ch > (' ' + 64))
                return -1;
            this_ch = (this_ch - ' ') & 077;
        }
        leftchar = (leftchar << 6) | (this_ch);
        leftbits += 6;
        if (leftbits >= 8) {
            leftbits -= 8;
            *bin_data++ = (leftchar >> leftbits) & 0xff;
            leftchar &= ((1 << leftbits) - 1);
            bin_len--;
        }
    }
    while (ascii_len-- > 0) {
        this_ch = *ascii_data++;
        if (this_ch != ' ' && this_ch != ' ' + 64 && this_ch != '\n' && this_ch != '\r')
            return -1;
    }
    return n;
}

static ssize b2a_uu(const unsigned char *bin_data, ssize bin_len, unsigned char *ascii_data)
{
    unsigned char *start = ascii_data;
    int leftbits = 0, backtick = 0;
    unsigned char this_ch;
    unsigned int leftchar = 0;
    if (bin_len > 45)
        return -1;
    *ascii_data++ = ' ' + (unsigned char)bin_len;
    for (; bin_len > 0 || leftbits != 0; bin_len--, bin_data++) {
        if (bin_len > 0)
            leftchar = (leftchar << 8) | *bin_data;
        else
            leftchar <<= 8;
        leftbits += 8;
        while (leftbits >= 6) {
            this_ch = (leftchar >> (leftbits - 6)) & 0x3f;
            leftbits -= 6;
            if (backtick && !this_ch)
                *ascii_data++ = '`';
            else
                *ascii_data++ = this_ch + ' ';
        }
    }
    *ascii_data++ = '\n';
    return ascii_data - start;
}

static ssize a2b_qp_with(const unsigned char *ascii_data, ssize datalen, unsigned char *odata,
                         int header)
{
    ssize in = 0, out = 0;
    char ch;
    while (in < datalen) {
        if (ascii_data[in] == '=') {
            in++;
            if (in >= datalen) break;
            if ((ascii_data[in] == '\n') || (ascii_data[in] == '\r')) {
                if (ascii_data[in] != '\n') {
                    while (in < datalen && ascii_data[in] != '\n') in++;
                }
                if (in < datalen) in++;
            }
            else if (ascii_data[in] == '=') {
                odata[out++] = '=';
                in++;
            }
            else if ((in + 1 < datalen) &&
                     ((ascii_data[in] >= 'A' && ascii_data[in] <= 'F') ||
                      (ascii_data[in] >= 'a' && ascii_data[in] <= 'f') ||
                      (ascii_data[in] >= '0' && ascii_data[in] <= '9')) &&
                     ((ascii_data[in+1] >= 'A' && ascii_data[in+1] <= 'F') ||
                      (ascii_data[in+1] >= 'a' && ascii_data[in+1] <= 'f') ||
                      (ascii_data[in+1] >= '0' && ascii_data[in+1] <= '9'))) {
                ch = digit_value[ascii_data[in]] << 4;
                in++;
                ch |= digit_value[ascii_data[in]];
                in++;
                odata[out++] = ch;
            }
            else {
              odata[out++] = '=';
            }
        }
        else if (header && ascii_data[in] == '_') {
            odata[out++] = ' ';
            in++;
        }
        else {
            odata[out] = ascii_data[in];
            in++;
            out++;
        }
    }
    return out;
}

static ssize a2b_qp(const unsigned char *ascii_data, ssize datalen, unsigned char *odata)
{
    return a2b_qp_with(ascii_data, datalen, odata, 0);
}

static ssize a2b_qp_header(const unsigned char *ascii_data, ssize datalen, unsigned char *odata)
{
    return a2b_qp_with(ascii_data, datalen, odata, 1);
}

static void to_hex(unsigned char ch, unsigned char *s)
{
    unsigned int uvalue = ch;
    s[1] = "0123456789ABCDEF"[uvalue % 16];
    uvalue = (uvalue / 16);
    s[0] = "0123456789ABCDEF"[uvalue % 16];
}

#define MAXLINESIZE 76
#define QP_QUOTE(databuf, in, datalen, linelen) \
        ((databuf[in] > 126) || \
         (databuf[in] == '=') || \
         (header && databuf[in] == '_') || \
         ((databuf[in] == '.') && (linelen == 0) && \
          (in + 1 == datalen || databuf[in+1] == '\n' || \
           databuf[in+1] == '\r' || databuf[in+1] == 0)) || \
         (!istext && ((databuf[in] == '\r') || (databuf[in] == '\n'))) || \
         ((databuf[in] == '\t' || databuf[in] == ' ') && (in + 1 == datalen)) || \
         ((databuf[in] < 33) && \
          (databuf[in] != '\r') && (databuf[in] != '\n') && \
          (quotetabs || ((databuf[in] != '\t') && (databuf[in] != ' ')))))

/* Both passes, including the first one's calloc, as C does them. */
static ssize b2a_qp(const unsigned char *databuf, ssize datalen, unsigned char *dest)
{
    int quotetabs = 0, istext = 1, header = 0, crlf = 0;
    ssize in, out, odatalen = 0;
    unsigned int linelen = 0;
    unsigned char ch, *odata;
    const unsigned char *p = memchr(databuf, '\n', datalen);
    if ((p != NULL) && (p > databuf) && (*(p-1) == '\r'))
        crlf = 1;
    in = 0;
    while (in < datalen) {
        ssize delta = 0;
        if (QP_QUOTE(databuf, in, datalen, linelen)) {
            if ((linelen + 3) >= MAXLINESIZE) {
                linelen = 0;
                delta += crlf ? 3 : 2;
            }
            linelen += 3;
            delta += 3;
            in++;
        }
        else {
            if (istext && ((databuf[in] == '\n') ||
                 ((in+1 < datalen) && (databuf[in] == '\r') && (databuf[in+1] == '\n')))) {
                linelen = 0;
                if (in && ((databuf[in-1] == ' ') || (databuf[in-1] == '\t')))
                    delta += 2;
                delta += crlf ? 2 : 1;
                if (databuf[in] == '\r') in += 2; else in++;
            }
            else {
                if ((in + 1 != datalen) && (databuf[in+1] != '\n') && (linelen + 1) >= MAXLINESIZE) {
                    linelen = 0;
                    delta += crlf ? 3 : 2;
                }
                linelen++;
                delta++;
                in++;
            }
        }
        odatalen += delta;
    }
    odata = calloc(1, odatalen);
    in = out = linelen = 0;
    while (in < datalen) {
        if (QP_QUOTE(databuf, in, datalen, linelen)) {
            if ((linelen + 3 )>= MAXLINESIZE) {
                odata[out++] = '=';
                if (crlf) odata[out++] = '\r';
                odata[out++] = '\n';
                linelen = 0;
            }
            odata[out++] = '=';
            to_hex(databuf[in], &odata[out]);
            out += 2;
            in++;
            linelen += 3;
        }
        else {
            if (istext && ((databuf[in] == '\n') ||
                 ((in+1 < datalen) && (databuf[in] == '\r') && (databuf[in+1] == '\n')))) {
                linelen = 0;
                if (out && ((odata[out-1] == ' ') || (odata[out-1] == '\t'))) {
                    ch = odata[out-1];
                    odata[out-1] = '=';
                    to_hex(ch, &odata[out]);
                    out += 2;
                }
                if (crlf) odata[out++] = '\r';
                odata[out++] = '\n';
                if (databuf[in] == '\r') in += 2; else in++;
            }
            else {
                if ((in + 1 != datalen) && (databuf[in+1] != '\n') && (linelen + 1) >= MAXLINESIZE) {
                    odata[out++] = '=';
                    if (crlf) odata[out++] = '\r';
                    odata[out++] = '\n';
                    linelen = 0;
                }
                linelen++;
                if (header && databuf[in] == ' ') {
                    odata[out++] = '_';
                    in++;
                }
                else {
                    odata[out++] = databuf[in++];
                }
            }
        }
    }
    /* PyBytes_FromStringAndSize copies the result out. */
    memcpy(dest, odata, out);
    free(odata);
    return out;
}

static ssize crc_hqx(const unsigned char *bin_data, ssize len, unsigned char *out)
{
    unsigned int crc = 0;
    while (len-- > 0)
        crc = ((crc << 8) & 0xff00) ^ crctab_hqx[(crc >> 8) ^ *bin_data++];
    out[0] = crc;
    return 1;
}

static ssize crc_32(const unsigned char *data, ssize len, unsigned char *out)
{
    out[0] = crc32(0, data, (unsigned int)len);
    return 1;
}

static ssize hexlify(const unsigned char *d, ssize n, unsigned char *o) { return b2a_hex(d, n, 0, 0, 1, o); }
static ssize hexlify_sep(const unsigned char *d, ssize n, unsigned char *o) { return b2a_hex(d, n, 1, ':', 2, o); }
static ssize a2b_base64_call(const unsigned char *d, ssize n, unsigned char *o) { return a2b_base64(d, n, o); }

static const struct { const char *name; ssize (*fn)(const unsigned char *, ssize, unsigned char *); } FUNCS[] = {
    {"a2b_base64", a2b_base64_call}, {"a2b_base64_lines", a2b_base64_call}, {"b2a_base64", b2a_base64},
    {"a2b_hex", a2b_hex}, {"b2a_hex", hexlify}, {"b2a_hex_sep", hexlify_sep},
    {"a2b_uu", a2b_uu}, {"b2a_uu", b2a_uu}, {"a2b_qp", a2b_qp}, {"a2b_qp_dense", a2b_qp}, {"a2b_qp_8bit", a2b_qp}, {"a2b_qp_header", a2b_qp_header}, {"b2a_qp", b2a_qp},
    {"crc32", crc_32}, {"crc_hqx", crc_hqx},
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    /* crctab_hqx and _PyLong_DigitValue, rebuilt rather than copied. */
    for (int b = 0; b < 256; b++) {
        unsigned int crc = b << 8;
        for (int k = 0; k < 8; k++)
            crc = (crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1;
        crctab_hqx[b] = crc & 0xffff;
        digit_value[b] = 37;
    }
    for (int c = 0; c < 10; c++) digit_value['0' + c] = c;
    for (int c = 0; c < 26; c++) digit_value['a' + c] = digit_value['A' + c] = 10 + c;

    /* argv: file name function; input on stdin */
    if (argc != 2) return 2;
    const char *name = argv[1];
    static unsigned char in[1 << 22];
    ssize n = fread(in, 1, sizeof in, stdin);
    unsigned char *out = malloc(4 * n + 100);
    long batch = 1 + 16384 / (n + 1); /* calls per clock read */
    for (size_t f = 0; f < sizeof FUNCS / sizeof FUNCS[0]; f++) {
        if (strcmp(FUNCS[f].name, name)) continue;
        if (FUNCS[f].fn(in, n, out) < 0) { fprintf(stderr, "%s failed\n", name); return 1; }
        double best = 1e9;
        for (int round = 0; round < 60; round++) {
            long iters = 0;
            double start = now(), elapsed;
            do {
                for (long k = 0; k < batch; k++) FUNCS[f].fn(in, n, out);
                iters += batch;
                __asm__ volatile("" ::: "memory");
                elapsed = now() - start;
            } while (elapsed < 0.004);
            if (elapsed / iters < best) best = elapsed / iters;
        }
        printf("%.1f\n", best * 1e9);
        return 0;
    }
    return 2;
}
