#!/bin/sh
# Creates the service account and its folders with the permissions docs/deploy.md describes:
# the data folder and the backups are the service account's alone (0700); the program is root's, read-only to it.
set -eu
id rectifybot >/dev/null 2>&1 || useradd --system --home-dir /var/lib/rectifybot --shell /usr/sbin/nologin rectifybot
install -d -o rectifybot -g rectifybot -m 0700 /var/lib/rectifybot /var/backups/rectifybot
install -d -o root -g root -m 0755 /opt/rectifybot
install -d -o root -g root -m 0755 /etc/rectifybot/tls
