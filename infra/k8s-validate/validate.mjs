// Renders every overlay of k8s/ with `kubectl kustomize`, validates each object against its JSON
// schema (kubernetes-models for Kubernetes, Knative, Gateway API and Strimzi), and checks that the
// manifests agree with the code: container ports, health paths and environment variables with each
// service's application.properties, topic names with event-contracts' Topics, and the HTTPRoutes
// with gateway-config/routes.conf and console.conf (the console's location). Exits 1 with the list
// of problems, if any.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const overlays = ["dev", "prod", "knative"];
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

let objects = 0;
const expectedTopics = topicNames();
const expectedRoutes = nginxRoutes();
for (const overlay of overlays) {
  const rendered = execFileSync("kubectl", ["kustomize", join(root, "k8s/overlays", overlay)], { encoding: "utf8" });
  const docs = parseAllDocuments(rendered).map((d) => d.toJS()).filter(Boolean);
  const kinds = new Map();
  const topics = new Set();
  const routes = new Set();
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
  const workloads = overlay === "knative" ? ["Service"] : ["Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget"];
  for (const kind of workloads) {
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
console.log(`all ${objects} objects valid; ports, probes, env, topics and routes agree with the code`);
