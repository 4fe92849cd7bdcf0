package com.xentree.foundation;

import com.xentree.events.TopicContract;
import com.xentree.foundation.messaging.ContractHandler;
import com.xentree.foundation.messaging.Outbox;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** A service's handler in miniature: stores each note and announces it through the outbox. */
@ApplicationScoped
public class NoteHandler implements ContractHandler<NoteHandler.Note> {

    public static final String TOPIC = "foundation-test.notes.v1";
    public static final String ECHO_TOPIC = "foundation-test.echoes.v1";

    /** A note, by an author (a user id) or by no one. */
    public record Note(UUID eventId, String body, String author) {

        public Note(UUID eventId, String body) {
            this(eventId, body, null);
        }
    }

    public record Echo(UUID eventId, String body) {
    }

    /** A note's author is its user; a blank note is unusable. */
    static final TopicContract<Note> CONTRACT = new TopicContract<>(TOPIC, Note.class, Note::eventId, Note::author,
            (note, now) -> note.body() == null || note.body().isBlank() ? List.of("body: required") : List.of());

    /** While set, every batch fails (as a database outage would): the test of readiness under a failing loop. */
    static volatile boolean failing;

    private final AgroalDataSource dataSource;
    private final Outbox outbox;

    NoteHandler(AgroalDataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    @Override
    public TopicContract<Note> contract() {
        return CONTRACT;
    }

    @Override
    public void apply(List<Note> events) {
        if (failing) {
            throw new IllegalStateException("note store unavailable (test)");
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into note (event_id, body) values (?, ?)")) {
            for (Note note : events) {
                ps.setObject(1, note.eventId());
                ps.setString(2, note.body());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        outbox.add(events.stream().map(n -> new Outbox.Message(ECHO_TOPIC, n.eventId().toString(), new Echo(n.eventId(), n.body()))).toList());
    }
}
