package dev.reparse.runtime.http;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.cloud.CloudFeature;
import dev.reparse.runtime.core.Auth;
import java.util.List;
import java.util.Map;

/**
 * The routes of the app's code: {@code /functions/:name}, {@code /jobs[/:name]}, {@code /cloud_code/jobs[/data]},
 * {@code /cloud_code/jobs/:id} writes, {@code /cloud_code/status}, {@code /scriptlog} and {@code /hooks/...}; match,
 * then call the cloud feature.
 */
final class CloudRoutes {
    private final CloudFeature cloud;

    CloudRoutes(CloudFeature cloud) {
        this.cloud = cloud;
    }

    ApiResponse route(Auth auth, String method, List<String> segments, ApiRequest request) {
        String root = segments.get(0);
        int size = segments.size();
        boolean post = method.equals("POST");
        return switch (root) {
            case "functions" -> post && size == 2 ? ApiResponse.ok(functions(auth, segments.get(1), request))
                    : ParseApi.notFound(request);
            case "jobs" -> post && size <= 2 ? job(auth, size == 2 ? segments.get(1) : request.params().get("jobName"),
                    request) : ParseApi.notFound(request);
            case "cloud_code" -> cloudCode(auth, method, segments, request);
            case "scriptlog" -> method.equals("GET") && size == 1 ? ApiResponse.ok(scriptLog(auth, request))
                    : ParseApi.notFound(request);
            case "hooks" -> hooks(auth, method, segments, request);
            default -> ParseApi.notFound(request);
        };
    }

    private Map<String, Object> functions(Auth auth, String name, ApiRequest request) {
        if (cloud == null) {
            throw new ParseException(ParseErrorCode.SCRIPT_FAILED, "Invalid function: \"" + name + "\"");
        }
        return cloud.runFunction(auth, name, request.params());
    }

    private ApiResponse job(Auth auth, Object name, ApiRequest request) {
        auth.requireMaster();
        if (cloud == null || !(name instanceof String jobName)) {
            throw new ParseException(ParseErrorCode.SCRIPT_FAILED, "Invalid job.");
        }
        String jobId = cloud.startJob(auth, jobName, request.params());
        return new ApiResponse(200, Map.of(), Map.of("X-Parse-Job-Status-Id", jobId));
    }

    private ApiResponse cloudCode(Auth auth, String method, List<String> segments, ApiRequest request) {
        auth.requireMaster();
        if (segments.size() == 2 && segments.get(1).equals("status")) {
            return method.equals("GET") ? new ApiResponse(200, cloud == null ? Map.of("codePresent", false)
                    : cloud.codeStatus(auth), Map.of()) : ParseApi.notFound(request);
        }
        if (segments.size() < 2 || !segments.get(1).equals("jobs") || segments.size() > 3) {
            return ParseApi.notFound(request);
        }
        if (!method.equals("GET")) {
            return scheduleWrite(auth, method, segments, request);
        }
        if (segments.size() == 3) {
            return segments.get(2).equals("data")
                    ? ApiResponse.ok(cloud == null ? Map.of("in_use", List.of(), "jobs", List.of()) : cloud.jobsData(auth))
                    : ParseApi.notFound(request);
        }
        return new ApiResponse(200, cloud == null ? List.of() : cloud.scheduled(auth), Map.of());
    }

    /** Parse Dashboard's schedule writes: {@code POST /cloud_code/jobs}, {@code PUT|DELETE /cloud_code/jobs/:id}. */
    private ApiResponse scheduleWrite(Auth auth, String method, List<String> segments, ApiRequest request) {
        boolean one = segments.size() == 3 && !segments.get(2).equals("data");
        if (cloud == null && (method.equals("POST") || method.equals("PUT"))) {
            throw new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "Cannot Schedule a job that is not deployed");
        }
        return switch (method) {
            case "POST" -> segments.size() == 2
                    ? ApiResponse.ok(cloud.createSchedule(auth, request.params().get("job_schedule")))
                    : ParseApi.notFound(request);
            case "PUT" -> one ? ApiResponse.ok(cloud.updateSchedule(auth, segments.get(2),
                    request.params().get("job_schedule"))) : ParseApi.notFound(request);
            case "DELETE" -> {
                if (!one || cloud == null) {
                    yield ParseApi.notFound(request);
                }
                cloud.deleteSchedule(auth, segments.get(2));
                yield ApiResponse.ok(Map.of());
            }
            default -> ParseApi.notFound(request);
        };
    }

    private Object scriptLog(Auth auth, ApiRequest request) {
        auth.requireMaster();
        return cloud == null ? List.of() : cloud.scriptLog(auth, request.params());
    }

    private ApiResponse hooks(Auth auth, String method, List<String> segments, ApiRequest request) {
        auth.requireMaster();
        Object answer = cloud == null ? null : cloud.hooks(auth, method, segments.subList(1, segments.size()),
                request.params());
        return answer == null ? ParseApi.notFound(request) : new ApiResponse(200, answer, Map.of());
    }
}
