package dev.reparse.controlplane;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class OpenApiIT {

    @Test
    void theOpenApiDocumentDescribesTheAppsAndAccountsApis() {
        given().get("/api/v1/openapi.json").then().statusCode(200)
            .body("paths", hasKey("/api/v1/apps"))
            .body("paths", hasKey("/api/v1/apps/{applicationId}"))
            .body("paths", hasKey("/api/v1/apps/{applicationId}/keys/master/rotate"))
            .body("paths", hasKey("/api/v1/apps/{applicationId}/cloud"))
            .body("paths.'/api/v1/apps/{applicationId}/cloud'", hasKey("put"))
            .body("paths.'/api/v1/apps/{applicationId}/cloud'", hasKey("get"))
            .body("paths.'/api/v1/apps/{applicationId}/cloud'.put.requestBody.content", hasKey("application/zip"))
            .body("components.schemas", hasKey("CloudCode"))
            .body("paths", hasKey("/api/v1/apps/{applicationId}/jobs"))
            .body("paths.'/api/v1/apps/{applicationId}/jobs/schedules'", hasKey("post"))
            .body("paths.'/api/v1/apps/{applicationId}/jobs/schedules/{objectId}'", hasKey("put"))
            .body("paths.'/api/v1/apps/{applicationId}/jobs/schedules/{objectId}'", hasKey("delete"))
            .body("paths.'/api/v1/apps/{applicationId}/jobs/{jobName}/run'", hasKey("post"))
            .body("components.schemas", hasKey("JobSchedule"))
            .body("components.schemas", hasKey("JobRun"))
            .body("paths", hasKey("/api/v1/accounts"))
            .body("paths", hasKey("/api/v1/sessions"))
            .body("paths", hasKey("/1/apps"));
    }
}
