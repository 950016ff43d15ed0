/* The floor of loading a catalog: a minimal C program that reads the same rows and columns as
 * CatalogStore::loadInto through the SQLite C API (sqlite3_step + sqlite3_column_*), and
 * nothing else. Prints "<series rows> <point rows> <seconds> <checksum>".
 * Usage: sqlite_floor CATALOG.sqlite */
#include <sqlite3.h>
#include <stdio.h>
#include <time.h>

static double now_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: sqlite_floor CATALOG.sqlite\n");
        return 2;
    }
    const double start = now_seconds();
    sqlite3* db = NULL;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "sqlite_floor: %s: %s\n", argv[1], sqlite3_errmsg(db));
        return 1;
    }
    /* The same statements as data/CatalogReader.cpp (series keys, then the point columns). */
    const char* series_sql = "SELECT id, model, hardware, engine, precision, spec_decoding, isl,"
                             " osl, run FROM series ORDER BY id";
    const char* points_sql =
        "SELECT p.series_id, p.gpus, p.disaggregated, p.prefill_gpus, p.decode_gpus,"
        " p.concurrency, p.tput_per_gpu, p.output_tput_per_gpu, p.input_tput_per_gpu,"
        " p.tput_derived, p.interactivity_p50, p.interactivity_p90, p.interactivity_p99,"
        " p.ttft_p50_s, p.ttft_p90_s, p.ttft_p99_s, p.e2el_p50_s, p.e2el_p90_s, p.e2el_p99_s,"
        " p.latency_is_limit, p.power_w FROM points p ORDER BY p.id";
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    sqlite3_stmt* statement = NULL;
    long series_rows = 0, point_rows = 0;
    double checksum = 0;
    if (sqlite3_prepare_v2(db, series_sql, -1, &statement, NULL) != SQLITE_OK) {
        fprintf(stderr, "sqlite_floor: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
        ++series_rows;
        for (int column = 1; column < 6; ++column)
            checksum += (double)sqlite3_column_bytes(statement, column);
        checksum += (double)sqlite3_column_int64(statement, 6);
    }
    sqlite3_finalize(statement);
    if (sqlite3_prepare_v2(db, points_sql, -1, &statement, NULL) != SQLITE_OK) {
        fprintf(stderr, "sqlite_floor: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    const int columns = sqlite3_column_count(statement);
    while (sqlite3_step(statement) == SQLITE_ROW) {
        ++point_rows;
        for (int column = 0; column < columns; ++column) {
            if (sqlite3_column_type(statement, column) != SQLITE_NULL)
                checksum += sqlite3_column_double(statement, column);
        }
    }
    sqlite3_finalize(statement);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(db);
    printf("%ld %ld %.6f %.6g\n", series_rows, point_rows, now_seconds() - start, checksum);
    return 0;
}
