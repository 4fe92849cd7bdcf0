package com.xentree.foundation;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The broker creates no topics on its own (as in production): the test topics exist before the loops start. */
@ApplicationScoped
public class TestTopics {

    void create(@Observes @Priority(1) StartupEvent event,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = List.of(NoteHandler.TOPIC, NoteHandler.TOPIC + ".dlq", NoteHandler.ECHO_TOPIC).stream()
                    .filter(t -> !existing.contains(t)).map(t -> new NewTopic(t, 2, (short) 1)).toList();
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create the test topics", e);
            }
        }
    }
}
