/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSubprocess *attune_test_keyring_start (const char  *dir);
void         attune_test_keyring_stop  (GSubprocess *keyring);

G_END_DECLS
