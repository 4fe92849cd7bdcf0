// Renders every overlay of k8s/ with `kubectl kustomize`, validates each object against its JSON
// schema (kubernetes-models for Kubernetes, Knative, Gateway API, Strimzi and KEDA), and checks that the
// manifests agree with the code: container ports, health paths and environment variables with each
// service's application.properties, topic names with event-contracts' Topics, and the HTTPRoutes
// with gateway-config/routes.conf and console.conf (the console's location); that every service has its
// migration Job (the same image, migrating and exiting) and does not migrate at start; and that the KEDA
// ScaledObjects scale the services' Deployments on their own consumer groups. Exits 1 with the list
// of problems, if any.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const overlays = ["dev", "prod", "knative", "keda"];
const services = ["profile-service", "analytics-service", "admin-stats-service"];
const healthPaths = new Set(["/q/health/live", "/q/health/ready", "/q/health/started"]);
const problems = [];

const modules = {
  "v1": "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "autoscaling/v2": "kubernetes-models/autoscaling/v2",
  "policy/v1": "kubernetes-models/policy/v1",
  "serving.knative.dev/v1": "@kubernetes-models/knative/serving.knative.dev/v1",
  "gateway.networking.k8s.io/v1": "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1",
  "kafka.strimzi.io/v1beta2": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2",
  "batch/v1": "kubernetes-models/batch/v1",
  "keda.sh/v1alpha1": "@kubernetes-models/keda/keda.sh/v1alpha1",
};

async function validate(obj, where) {
  const path = modules[obj.apiVersion];
  if (!path) {
    problems.push(`${where}: no schema for apiVersion ${obj.apiVersion}`);
    return;
  }
  const Model = (await import(path))[obj.kind];
  if (!Model) {
    problems.push(`${where}: no schema for ${obj.apiVersion} ${obj.kind}`);
    return;
  }
  try {
    new Model(obj).validate();
  } catch (e) {
    problems.push(`${where}: ${e.message}`);
  }
}

/**
 * Port and the environment variables a service reads: from its application.properties and from the
 * settings every service shares (service-foundation's microprofile-config.properties).
 */
function serviceConfig(service) {
  const props = readFileSync(join(root, service, "src/main/resources/application.properties"), "utf8")
    + "\n" + readFileSync(join(root, "service-foundation/src/main/resources/META-INF/microprofile-config.properties"), "utf8");
  const port = Number(/^quarkus\.http\.port=(\d+)/m.exec(props)[1]);
  const env = new Set([...props.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]));
  return { port, env };
}

function topicNames() {
  const java = readFileSync(join(root, "event-contracts/src/main/java/com/xentree/events/Topics.java"), "utf8");
  const names = [...java.matchAll(/public static final String \w+ = "([a-z0-9.-]+)";/g)].map((m) => m[1]);
  return new Set(names.flatMap((n) => [n, `${n}.dlq`]));
}

function nginxRoutes() {
  const conf = readFileSync(join(root, "gateway-config/routes.conf"), "utf8");
  const upstreams = { profile_service: "profile-service", analytics_service: "analytics-service", admin_stats_service: "admin-stats-service" };
  const routes = new Set();
  for (const m of conf.matchAll(/location\s+(=\s+)?(\/\S*)\s*\{([\s\S]*?)\n?}/g)) {
    const up = /proxy_pass\s+http:\/\/(\w+);/.exec(m[3]);
    if (up) {
      routes.add(`${m[1] ? "Exact" : "PathPrefix"} ${m[1] ? m[2] : m[2].replace(/\/$/, "")} -> ${upstreams[up[1]]}`);
    }
  }
  // the console's static files, served by the gateway itself locally and by the console image in k8s
  const console = readFileSync(join(root, "gateway-config/console.conf"), "utf8");
  if (/location\s+\/console\/\s*\{/.test(console)) {
    routes.add("PathPrefix /console -> console");
  }
  return routes;
}

/** The console: static files in an unprivileged nginx on 8080, probed on /console/. */
function checkConsole(where, containers) {
  for (const c of containers) {
    if (!(c.ports || []).some((p) => p.containerPort === 8080)) {
      problems.push(`${where}: the console image listens on 8080`);
    }
    for (const probe of ["readinessProbe", "livenessProbe"]) {
      if (c[probe]?.httpGet?.path !== "/console/") {
        problems.push(`${where}: ${probe} on /console/ required`);
      }
    }
    if (c.securityContext?.readOnlyRootFilesystem !== true || c.securityContext?.allowPrivilegeEscalation !== false) {
      problems.push(`${where}: containers run with a read-only root filesystem and no privilege escalation`);
    }
  }
}

function checkWorkload(obj, where, containers) {
  const service = obj.metadata.name;
  if (!services.includes(service)) {
    problems.push(`${where}: unknown service ${service}`);
    return;
  }
  const { port, env } = serviceConfig(service);
  const required = ["DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "JWT_PUBLIC_KEY_LOCATION",
    "JWT_ISSUER", "CONSUMER_GROUP_PREFIX", "ERASURE_HASH_KEY"];
  for (const c of containers) {
    const ports = (c.ports || []).map((p) => p.containerPort);
    if (!ports.includes(port)) {
      problems.push(`${where}: container port ${ports} but ${service} listens on ${port}`);
    }
    const names = (c.env || []).map((e) => e.name);
    for (const name of names) {
      if (!env.has(name) && !name.startsWith("QUARKUS_")) {
        problems.push(`${where}: env ${name} is not read by ${service}`);
      }
    }
    for (const name of required) {
      if (!names.includes(name)) {
        problems.push(`${where}: env ${name} missing`);
      }
    }
    for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
      const path = c[probe]?.httpGet?.path;
      if (path && !healthPaths.has(path)) {
        problems.push(`${where}: ${probe} on ${path}, not a Quarkus health endpoint`);
      }
    }
    if (!c.readinessProbe || !c.livenessProbe) {
      problems.push(`${where}: readiness and liveness probes required`);
    }
    if (c.securityContext?.readOnlyRootFilesystem !== true || c.securityContext?.allowPrivilegeEscalation !== false) {
      problems.push(`${where}: containers run with a read-only root filesystem and no privilege escalation`);
    }
  }
}

const envValue = (c, name) => (c.env || []).find((e) => e.name === name)?.value;

/** The migration step: the service's own image and database, QUARKUS_INIT_AND_EXIT with Flyway migrating. */
function checkMigrationJob(job, where, workload) {
  const service = job.metadata.name.replace(/-migrate$/, "");
  const pod = job.spec.template.spec;
  const [c] = pod.containers;
  const { env } = serviceConfig(service);
  if (!workload) {
    problems.push(`${where}: no Deployment or Knative Service ${service} to migrate for`);
    return;
  }
  const [w] = workload.spec.template.spec.containers;
  if (c.image !== w.image) {
    problems.push(`${where}: image ${c.image}, but ${service} runs ${w.image}`);
  }
  if (envValue(c, "QUARKUS_INIT_AND_EXIT") !== "true" || envValue(c, "QUARKUS_FLYWAY_MIGRATE_AT_START") !== "true") {
    problems.push(`${where}: QUARKUS_INIT_AND_EXIT and QUARKUS_FLYWAY_MIGRATE_AT_START must be "true"`);
  }
  if (envValue(c, "DB_NAME") !== envValue(w, "DB_NAME")) {
    problems.push(`${where}: DB_NAME ${envValue(c, "DB_NAME")}, but ${service} uses ${envValue(w, "DB_NAME")}`);
  }
  const names = (c.env || []).map((e) => e.name);
  for (const name of ["DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD", "ERASURE_HASH_KEY"]) {
    if (!names.includes(name)) {
      problems.push(`${where}: env ${name} missing`);
    }
  }
  for (const name of names) {
    if (!env.has(name) && !name.startsWith("QUARKUS_")) {
      problems.push(`${where}: env ${name} is not read by ${service}`);
    }
  }
  if (pod.restartPolicy === "Always" || pod.securityContext?.runAsNonRoot !== true
      || c.securityContext?.readOnlyRootFilesystem !== true || c.securityContext?.allowPrivilegeEscalation !== false) {
    problems.push(`${where}: runs once, as non-root, with a read-only root filesystem and no privilege escalation`);
  }
}

/** KEDA: each service's Deployment, scaled on the lag of its own consumer groups (CONSUMER_GROUP_PREFIX.<group>). */
function checkScaledObject(so, where, deployment, topics) {
  if (so.spec.scaleTargetRef?.kind !== "Deployment" || !deployment) {
    problems.push(`${where}: scales no Deployment of this overlay`);
    return;
  }
  const [c] = deployment.spec.template.spec.containers;
  const prefix = envValue(c, "CONSUMER_GROUP_PREFIX");
  const kafka = so.spec.triggers.filter((t) => t.type === "kafka");
  if (!kafka.length) {
    problems.push(`${where}: no Kafka lag trigger`);
  }
  for (const t of kafka) {
    if (!t.metadata.consumerGroup?.startsWith(`${prefix}.`)) {
      problems.push(`${where}: consumer group ${t.metadata.consumerGroup} is not one of ${prefix}.*`);
    }
    if (!topics.has(t.metadata.topic)) {
      problems.push(`${where}: unknown topic ${t.metadata.topic}`);
    }
    const env = t.metadata.bootstrapServersFromEnv;
    if (env ? !(c.env || []).some((e) => e.name === env) : !t.metadata.bootstrapServers) {
      problems.push(`${where}: no broker list (bootstrapServers, or bootstrapServersFromEnv naming an env of the container)`);
    }
  }
}

let objects = 0;
const expectedTopics = topicNames();
const expectedRoutes = nginxRoutes();
for (const overlay of overlays) {
  const rendered = execFileSync("kubectl", ["kustomize", join(root, "k8s/overlays", overlay)], { encoding: "utf8" });
  const docs = parseAllDocuments(rendered).map((d) => d.toJS()).filter(Boolean);
  const kinds = new Map();
  const topics = new Set();
  const routes = new Set();
  const workloads = new Map();
  for (const obj of docs) {
    if ((obj.kind === "Deployment" && obj.apiVersion === "apps/v1") || (obj.kind === "Service" && obj.apiVersion === "serving.knative.dev/v1")) {
      workloads.set(obj.metadata.name, obj);
    }
  }
  for (const obj of docs) {
    objects++;
    const where = `${overlay}: ${obj.kind}/${obj.metadata?.name}`;
    kinds.set(obj.kind, (kinds.get(obj.kind) || 0) + 1);
    await validate(obj, where);
    if (obj.kind === "Deployment" && obj.metadata.name === "console") {
      checkConsole(where, obj.spec.template.spec.containers);
    } else if (obj.kind === "Deployment") {
      checkWorkload(obj, where, obj.spec.template.spec.containers);
      if (obj.spec.template.spec.securityContext?.runAsNonRoot !== true) {
        problems.push(`${where}: pods run as non-root`);
      }
    }
    if (obj.kind === "Service" && obj.apiVersion === "serving.knative.dev/v1") {
      checkWorkload(obj, where, obj.spec.template.spec.containers);
    }
    if (obj.kind === "KafkaTopic") {
      topics.add(obj.spec.topicName);
    }
    if (obj.kind === "Job") {
      checkMigrationJob(obj, where, workloads.get(obj.metadata.name.replace(/-migrate$/, "")));
    }
    if (obj.kind === "ScaledObject") {
      checkScaledObject(obj, where, workloads.get(obj.spec.scaleTargetRef?.name), expectedTopics);
      if (docs.some((o) => o.kind === "HorizontalPodAutoscaler" && o.spec.scaleTargetRef.name === obj.spec.scaleTargetRef?.name)) {
        problems.push(`${where}: an HPA scales the same Deployment (KEDA makes its own)`);
      }
    }
    if (workloads.get(obj.metadata.name) === obj && services.includes(obj.metadata.name)) {
      const migrates = (obj.spec.template.spec.containers || []).some((c) => envValue(c, "QUARKUS_FLYWAY_MIGRATE_AT_START") === "true"
        || envValue(c, "QUARKUS_INIT_AND_EXIT") === "true");
      if (migrates) {
        problems.push(`${where}: services do not migrate at start (their migration Job does)`);
      }
    }
    if (obj.kind === "HTTPRoute") {
      for (const rule of obj.spec.rules) {
        for (const m of rule.matches) {
          for (const b of rule.backendRefs) {
            routes.add(`${m.path.type} ${m.path.value} -> ${b.name}`);
          }
        }
      }
    }
  }
  const missingTopics = [...expectedTopics].filter((t) => !topics.has(t));
  const extraTopics = [...topics].filter((t) => !expectedTopics.has(t));
  if (missingTopics.length || extraTopics.length) {
    problems.push(`${overlay}: topics missing ${missingTopics}, unknown ${extraTopics}`);
  }
  const missingRoutes = [...expectedRoutes].filter((r) => !routes.has(r));
  const extraRoutes = [...routes].filter((r) => !expectedRoutes.has(r));
  if (missingRoutes.length || extraRoutes.length) {
    problems.push(`${overlay}: HTTPRoutes differ from routes.conf: missing [${missingRoutes}], extra [${extraRoutes}]`);
  }
  const expectedKinds = overlay === "knative" ? ["Service", "Job"]
    : overlay === "keda" ? ["Deployment", "ScaledObject", "PodDisruptionBudget", "Job"]
    : ["Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Job"];
  for (const kind of expectedKinds) {
    if ((kinds.get(kind) || 0) < 3) {
      problems.push(`${overlay}: expected a ${kind} per service`);
    }
  }
  console.log(`${overlay}: ${docs.length} objects (${[...kinds].map(([k, n]) => `${n} ${k}`).join(", ")})`);
}
if (problems.length) {
  console.log(`${problems.length} problem(s):`);
  problems.forEach((p) => console.log(`  ${p}`));
  process.exit(1);
}
console.log(`all ${objects} objects valid; ports, probes, env, topics and routes agree with the code; migration Jobs and scaling agree with the services`);
