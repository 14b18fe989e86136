/**
 * The model registry and its stores: models and numbered versions with lineage, their artifacts on
 * disk, stored data sets and persisted training jobs.
 *
 * <p>One {@link org.baihua.core.registry.Database} (SQLite in the data directory by default,
 * PostgreSQL by JDBC URL; schema migrated by Flyway from {@code db/migration}) backs
 * {@link org.baihua.core.registry.ModelRegistry}, {@link org.baihua.core.registry.DatasetStore} and
 * {@link org.baihua.core.registry.JobStore}; {@link org.baihua.core.registry.ArtifactStore} keeps
 * one folder per READY version. {@link org.baihua.core.registry.RegistryModule} binds them.
 *
 * <pre>
 * version state:  QUEUED ──▶ TRAINING ──▶ READY
 *                    │           │
 *                    └─────┬─────┘
 *                          ▼
 *                  FAILED / CANCELLED          (READY, FAILED, CANCELLED are final)
 *
 * stage (READY versions only):
 *   NONE ──promote──▶ PRODUCTION ──(another promoted, or rollback)──▶ NONE
 *   NONE ──archive──▶ ARCHIVED ──promote──▶ PRODUCTION
 *   at most one PRODUCTION per model; rollback restores the previous one, skipping archived and
 *   deleted versions; the PRODUCTION version can be neither archived nor deleted
 *
 * job state:      QUEUED ──▶ RUNNING ──▶ SUCCEEDED
 *                    └──────────┴──▶ FAILED / CANCELLED
 * </pre>
 *
 * <p>Crash safety: an artifact folder is written in a scratch folder and renamed into place before
 * its version becomes READY, so a READY version always has a complete, checksummed artifact. At
 * start-up, opening the stores removes scratch leftovers and
 * {@link org.baihua.core.registry.JobStore#recoverInterrupted} fails the jobs and versions a crash
 * interrupted and removes their partial artifacts; READY (and so production) versions are untouched.
 */
package org.baihua.core.registry;
