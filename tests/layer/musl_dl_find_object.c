/* glibc's _dl_find_object (2.35), which Debian's libgcc_eh.a calls to find
 * the unwind tables of the object holding an address, for musl, which has
 * dl_iterate_phdr only.  With it gcc's unwinder serves musl programs; see
 * musl_toolchain.py.  The struct is glibc's for targets without
 * DLFO_STRUCT_HAS_EH_DBASE/EH_COUNT (x86_64, aarch64). */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>

struct dl_find_object {
    unsigned long long dlfo_flags;
    void *dlfo_map_start;
    void *dlfo_map_end;
    void *dlfo_link_map;
    void *dlfo_eh_frame;
    unsigned long long dlfo_reserved[7];
};

struct query {
    uintptr_t pc;
    struct dl_find_object *result;
};

static int visit(struct dl_phdr_info *info, size_t size, void *data)
{
    struct query *q = data;
    uintptr_t start = UINTPTR_MAX, end = 0;
    void *eh_frame = 0;
    int holds_pc = 0;
    (void)size;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *p = &info->dlpi_phdr[i];
        uintptr_t at = info->dlpi_addr + p->p_vaddr;
        if (p->p_type == PT_LOAD) {
            if (q->pc >= at && q->pc < at + p->p_memsz)
                holds_pc = 1;
            if (at < start)
                start = at;
            if (at + p->p_memsz > end)
                end = at + p->p_memsz;
        } else if (p->p_type == PT_GNU_EH_FRAME) {
            eh_frame = (void *)at;
        }
    }
    if (!holds_pc)
        return 0;
    q->result->dlfo_flags = 0;
    q->result->dlfo_map_start = (void *)start;
    q->result->dlfo_map_end = (void *)end;
    q->result->dlfo_link_map = 0;
    q->result->dlfo_eh_frame = eh_frame;
    return 1;
}

int _dl_find_object(void *pc, struct dl_find_object *result)
{
    struct query q = {(uintptr_t)pc, result};
    return dl_iterate_phdr(visit, &q) ? 0 : -1;
}
