package dev.reparse.provisioning;

import dev.reparse.provisioning.model.DesiredApp;
import dev.reparse.provisioning.spi.BucketProvisioner;
import dev.reparse.provisioning.spi.BucketResources;
import dev.reparse.provisioning.spi.CloudCodeDeployer;
import dev.reparse.provisioning.spi.CodeDeployment;
import dev.reparse.provisioning.spi.CodeStatus;
import dev.reparse.provisioning.spi.DatabaseProvisioner;
import dev.reparse.provisioning.spi.DatabaseResources;
import dev.reparse.provisioning.spi.ProvisionedResources;
import dev.reparse.provisioning.spi.RuntimeBackend;
import dev.reparse.provisioning.spi.RuntimeState;
import dev.reparse.provisioning.spi.SecretStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/** Records every call in order; a step can be told to fail a number of times. */
final class FakeBackends implements DatabaseProvisioner, SecretStore, CloudCodeDeployer, RuntimeBackend {
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Thrown by every deploy while set, as a release whose dependencies do not install. */
    volatile RuntimeException refuseCode;
    final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    final Map<String, RuntimeState> runtimes = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile long runtimeDelayMillis;
    /** What the runtime says of its code; by default the backend cannot ask (the deployer's word stands). */
    volatile Function<DesiredApp, Optional<CodeStatus>> codeStatus = app -> Optional.empty();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    ProvisioningBackends backends() {
        return new ProvisioningBackends(this, buckets(), this, this, this);
    }

    void failNext(String call, int times) {
        failuresLeft.put(call, new AtomicInteger(times));
    }

    List<String> callsOf(String applicationId) {
        return calls.stream().filter(c -> c.endsWith(" " + applicationId)).map(c -> c.substring(0, c.indexOf(' ')))
                .toList();
    }

    void crash(String applicationId) {
        runtimes.put(applicationId, new RuntimeState(RuntimeState.Phase.CRASHED, java.util.Optional.empty(),
                "exited with 137; restarting in 1s"));
        listeners.forEach(l -> l.accept(applicationId));
    }

    private void record(String call, String applicationId) {
        calls.add(call + " " + applicationId);
        AtomicInteger left = failuresLeft.get(call);
        if (left != null && left.getAndDecrement() > 0) {
            throw new IllegalStateException(call + " is down");
        }
    }

    @Override
    public DatabaseResources ensure(DesiredApp app) {
        record("database", app.applicationId());
        return new DatabaseResources(app.databaseName(), "mongodb://db/" + app.databaseName(), "Created",
                "database " + app.databaseName());
    }

    @Override
    public void drop(DesiredApp app) {
        record("dropDatabase", app.applicationId());
    }

    void deleteBucket(DesiredApp app) {
        record("deleteBucket", app.applicationId());
    }

    @Override
    public void write(DesiredApp app, ProvisionedResources resources) {
        record("secrets", app.applicationId());
    }

    @Override
    public void delete(String applicationId) {
        record("deleteSecrets", applicationId);
    }

    @Override
    public CodeDeployment deploy(DesiredApp app) {
        record("code", app.applicationId());
        if (refuseCode != null) {
            throw refuseCode;
        }
        return app.cloudCode().map(r -> new CodeDeployment("Deployed", "version " + r.version()))
                .orElse(new CodeDeployment("NoCode", "no Cloud Code uploaded"));
    }

    @Override
    public void remove(String applicationId) {
        record("removeCode", applicationId);
    }

    @Override
    public RuntimeState ensureRunning(DesiredApp app, ProvisionedResources resources) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            record("runtime", app.applicationId());
            if (runtimeDelayMillis > 0) {
                Thread.sleep(runtimeDelayMillis);
            }
            RuntimeState state = RuntimeState.running("http://127.0.0.1:9/parse", "pid 1 on port 9");
            runtimes.put(app.applicationId(), state);
            return state;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public Optional<CodeStatus> codeStatus(DesiredApp app) {
        record("codeStatus", app.applicationId());
        return codeStatus.apply(app);
    }

    @Override
    public void stop(String applicationId) {
        record("stopRuntime", applicationId);
        runtimes.remove(applicationId);
    }

    @Override
    public RuntimeState state(String applicationId) {
        return runtimes.getOrDefault(applicationId, RuntimeState.stopped("not started"));
    }

    @Override
    public void onStateChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        calls.add("close all");
    }

    /** BucketProvisioner.ensure, distinguished from DatabaseProvisioner.ensure by a wrapper. */
    BucketProvisioner buckets() {
        return new BucketProvisioner() {
            @Override
            public BucketResources ensure(DesiredApp app) {
                record("bucket", app.applicationId());
                return new BucketResources(app.bucketName(), "http://s3", "us-east-1", "ak", "sk", true,
                        "SharedCredentials", "bucket " + app.bucketName());
            }

            @Override
            public void delete(DesiredApp app) {
                deleteBucket(app);
            }
        };
    }
}
