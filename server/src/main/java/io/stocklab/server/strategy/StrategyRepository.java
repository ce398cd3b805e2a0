package io.stocklab.server.strategy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The strategy tables; only this feature reads or writes them. */
@Repository
class StrategyRepository {
    private static final String COLUMNS = "id, owner_id, name, description, tags, visibility, anonymous, hide_details, "
            + "current_version, cloned_from, created_at, updated_at";

    private final JdbcClient jdbc;

    StrategyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Strategy map(ResultSet rs, int row) throws SQLException {
        String tags = rs.getString("tags");
        return new Strategy(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class),
                rs.getString("name"), rs.getString("description"),
                tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(",")),
                Strategy.Visibility.valueOf(rs.getString("visibility")), rs.getBoolean("anonymous"),
                rs.getBoolean("hide_details"), rs.getInt("current_version"), rs.getObject("cloned_from", UUID.class),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    void insert(Strategy s) {
        jdbc.sql("INSERT INTO strategies (" + COLUMNS + ") VALUES (:id, :owner, :name, :description, :tags, "
                        + ":visibility, :anonymous, :hide, :version, :clonedFrom, :created, :updated)")
                .param("id", s.id()).param("owner", s.ownerId()).param("name", s.name())
                .param("description", s.description()).param("tags", String.join(",", s.tags()))
                .param("visibility", s.visibility().name()).param("anonymous", s.anonymous())
                .param("hide", s.hideDetails()).param("version", s.currentVersion())
                .param("clonedFrom", s.clonedFrom()).param("created", ts(s.createdAt()))
                .param("updated", ts(s.updatedAt()))
                .update();
    }

    void update(Strategy s) {
        jdbc.sql("UPDATE strategies SET name = :name, description = :description, tags = :tags, visibility = :visibility,"
                        + " anonymous = :anonymous, hide_details = :hide, current_version = :version, updated_at = :updated"
                        + " WHERE id = :id")
                .param("id", s.id()).param("name", s.name())
                .param("description", s.description()).param("tags", String.join(",", s.tags()))
                .param("visibility", s.visibility().name()).param("anonymous", s.anonymous())
                .param("hide", s.hideDetails()).param("version", s.currentVersion())
                .param("updated", ts(s.updatedAt()))
                .update();
    }

    void insertVersion(UUID strategyId, int version, String spec, String note, Instant at) {
        jdbc.sql("INSERT INTO strategy_versions (strategy_id, version, spec, note, created_at)"
                        + " VALUES (:id, :version, :spec, :note, :at)")
                .param("id", strategyId).param("version", version).param("spec", spec).param("note", note)
                .param("at", ts(at))
                .update();
    }

    Optional<Strategy> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM strategies WHERE id = :id").param("id", id)
                .query(StrategyRepository::map).optional();
    }

    /** Locks the row for an update of its version (the next version number is taken under this lock). */
    Optional<Strategy> findForUpdate(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM strategies WHERE id = :id FOR UPDATE").param("id", id)
                .query(StrategyRepository::map).optional();
    }

    record VersionRow(int version, String note, Instant createdAt, String spec) {
    }

    Optional<VersionRow> version(UUID id, int version) {
        return jdbc.sql("SELECT version, note, created_at, spec FROM strategy_versions WHERE strategy_id = :id"
                        + " AND version = :v")
                .param("id", id).param("v", version)
                .query((rs, n) -> new VersionRow(rs.getInt(1), rs.getString(2), instant(rs, "created_at"),
                        rs.getString(4)))
                .optional();
    }

    List<VersionRow> versions(UUID id) {
        return jdbc.sql("SELECT version, note, created_at, spec FROM strategy_versions WHERE strategy_id = :id"
                        + " ORDER BY version DESC")
                .param("id", id)
                .query((rs, n) -> new VersionRow(rs.getInt(1), rs.getString(2), instant(rs, "created_at"),
                        rs.getString(4)))
                .list();
    }

    List<Strategy> byOwner(UUID owner, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM strategies WHERE owner_id = :owner"
                        + " ORDER BY updated_at DESC, id LIMIT :limit OFFSET :offset")
                .param("owner", owner).param("limit", limit).param("offset", offset)
                .query(StrategyRepository::map).list();
    }

    long countByOwner(UUID owner) {
        return jdbc.sql("SELECT COUNT(*) FROM strategies WHERE owner_id = :owner").param("owner", owner)
                .query(Long.class).single();
    }

    List<Strategy> publicOnes(String q, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM strategies WHERE visibility = 'PUBLIC'"
                        + " AND (:q = '' OR LOWER(name) LIKE :like OR LOWER(tags) LIKE :like)"
                        + " ORDER BY updated_at DESC, id LIMIT :limit OFFSET :offset")
                .param("q", q).param("like", "%" + q + "%").param("limit", limit).param("offset", offset)
                .query(StrategyRepository::map).list();
    }

    long countPublic(String q) {
        return jdbc.sql("SELECT COUNT(*) FROM strategies WHERE visibility = 'PUBLIC'"
                        + " AND (:q = '' OR LOWER(name) LIKE :like OR LOWER(tags) LIKE :like)")
                .param("q", q).param("like", "%" + q + "%").query(Long.class).single();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM strategies WHERE id = :id").param("id", id).update();
    }
}
