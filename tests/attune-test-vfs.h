/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ATTUNE_TEST_FAULT_NONE,
  ATTUNE_TEST_FAULT_FULL,        /* writes: SQLITE_FULL; growing a -shm: no space */
  ATTUNE_TEST_FAULT_IO_WRITE,    /* writes: SQLITE_IOERR_WRITE (EIO) */
  ATTUNE_TEST_FAULT_IO_READ,     /* reads: SQLITE_IOERR_READ (EIO) */
  ATTUNE_TEST_FAULT_BUSY,        /* write locks: SQLITE_BUSY */
} AttuneTestFault;

void  attune_test_vfs_install        (void);
void  attune_test_vfs_fail           (AttuneTestFault fault);
void  attune_test_vfs_respect_modes  (gboolean        respect);
guint attune_test_vfs_get_n_injected (void);

G_END_DECLS
