package com.xentree.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Renders every k8s/ overlay (kubectl kustomize) and validates each object against the Kubernetes,
 * Knative, Gateway API, Strimzi and KEDA schemas, and against the code (infra/k8s-validate/validate.mjs),
 * migration Jobs and KEDA ScaledObjects included.
 */
class ManifestsTest {

    static String run(Path dir, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), command + " did not finish");
        assertEquals(0, p.exitValue(), command + " failed:\n" + out);
        return out;
    }

    @Test
    void everyOverlayRendersAndEveryObjectIsValidAndAgreesWithTheCode() throws Exception {
        Path validator = RunningSystem.root().resolve("infra/k8s-validate");
        if (!Files.isDirectory(validator.resolve("node_modules"))) {
            run(validator, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        }
        String out = run(validator, List.of("node", "validate.mjs"));
        assertTrue(out.contains("objects valid; ports, probes, env, topics and routes agree with the code; migration Jobs and scaling"
                + " agree with the services"), out);
        assertTrue(out.contains("dev: 37 objects") && out.contains("prod: 37 objects") && out.contains("knative: 28 objects")
                && out.contains("keda: 37 objects"), out);
        assertTrue(out.contains("3 Job") && out.contains("3 ScaledObject"), out);
    }
}
