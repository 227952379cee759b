package dev.shiptrack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Resolves the CloudFormation intrinsics that appear in the synthesized policies ({@code Ref},
 * {@code Fn::GetAtt}, {@code Fn::Join}) to the concrete values a deployment to the test account would produce,
 * so that the policies can be evaluated exactly as IAM would see them. Anything it does not know fails the test
 * instead of being guessed.
 */
final class TemplateResolver {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    /** What {@code Fn::GetAtt <cluster>.DBClusterResourceId} stands for in the tests. */
    static final String CLUSTER_RESOURCE_ID = "cluster-TESTCLUSTERRESOURCEID";
    /** What {@code Ref <user pool>} stands for in the tests. */
    static final String USER_POOL_ID = "us-east-1_TESTPOOL";
    /** What {@code Ref <user pool client>} stands for. */
    static final String USER_POOL_CLIENT_ID = "testclientid";
    /** What {@code Fn::GetAtt <cluster>.Endpoint.Address} stands for (the port is PostgreSQL's, 5432). */
    static final String DATABASE_WRITER = "shiptrack.cluster-test.us-east-1.rds.amazonaws.com";
    /** What {@code Fn::GetAtt <domain>.DomainEndpoint} stands for. */
    static final String DOMAIN_ENDPOINT = "search-tracking-test.us-east-1.es.amazonaws.com";

    private final JsonNode resources;

    TemplateResolver(JsonNode template) {
        this.resources = template.path("Resources");
    }

    JsonNode resolve(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.size() == 1 && object.has("Ref")) {
                return TextNode.valueOf(ref(object.get("Ref").asText()));
            }
            if (object.size() == 1 && object.has("Fn::GetAtt")) {
                return TextNode.valueOf(attribute(object.get("Fn::GetAtt").get(0).asText(),
                        object.get("Fn::GetAtt").get(1).asText()));
            }
            if (object.size() == 1 && object.has("Fn::Join")) {
                StringBuilder joined = new StringBuilder();
                String separator = object.get("Fn::Join").get(0).asText();
                JsonNode parts = object.get("Fn::Join").get(1);
                for (int i = 0; i < parts.size(); i++) {
                    joined.append(i == 0 ? "" : separator).append(text(resolve(parts.get(i))));
                }
                return TextNode.valueOf(joined.toString());
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().startsWith("Fn::")) {
                    throw new IllegalArgumentException("Unresolvable intrinsic " + field.getKey());
                }
                copy.set(field.getKey(), resolve(field.getValue()));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> copy.add(resolve(element)));
            return copy;
        }
        return node;
    }

    private String ref(String name) {
        return switch (name) {
            case "AWS::AccountId" -> ACCOUNT;
            case "AWS::Region" -> REGION;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            default -> {
                JsonNode resource = resource(name);
                if (resource.path("Type").asText().equals("AWS::Cognito::UserPool")) {
                    yield USER_POOL_ID;
                }
                if (resource.path("Type").asText().equals("AWS::Cognito::UserPoolClient")) {
                    yield USER_POOL_CLIENT_ID;
                }
                String property = switch (resource.path("Type").asText()) {
                    case "AWS::DynamoDB::Table" -> "TableName";
                    case "AWS::S3::Bucket" -> "BucketName";
                    case "AWS::IAM::Role" -> "RoleName";
                    case "AWS::OpenSearchService::Domain" -> "DomainName";
                    default -> throw new IllegalArgumentException("No test value for Ref " + name);
                };
                yield text(resolve(resource.path("Properties").path(property)));
            }
        };
    }

    private String attribute(String name, String attribute) {
        JsonNode resource = resource(name);
        String type = resource.path("Type").asText();
        if (type.equals("AWS::IAM::Role") && attribute.equals("Arn")) {
            return "arn:aws:iam::" + ACCOUNT + ":role/" + ref(name);
        }
        if (type.equals("AWS::RDS::DBCluster") && attribute.equals("DBClusterResourceId")) {
            return CLUSTER_RESOURCE_ID;
        }
        if (type.equals("AWS::RDS::DBCluster") && attribute.equals("Endpoint.Address")) {
            return DATABASE_WRITER;
        }
        if (type.equals("AWS::RDS::DBCluster") && attribute.equals("Endpoint.Port")) {
            return "5432";
        }
        if (type.equals("AWS::Cognito::UserPool") && attribute.equals("ProviderURL")) {
            return "https://cognito-idp." + REGION + ".amazonaws.com/" + USER_POOL_ID;
        }
        if (type.equals("AWS::OpenSearchService::Domain") && attribute.equals("DomainEndpoint")) {
            return DOMAIN_ENDPOINT;
        }
        if (type.equals("AWS::S3::Bucket") && attribute.equals("Arn")) {
            return "arn:aws:s3:::" + ref(name);
        }
        if (type.equals("AWS::KMS::Key") && attribute.equals("Arn")) {
            return "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + keyId(name);
        }
        throw new IllegalArgumentException("No test value for Fn::GetAtt " + name + "." + attribute);
    }

    /** A stand-in key id, distinct per key. */
    static String keyId(String logicalId) {
        return "key-" + logicalId.toLowerCase();
    }

    private JsonNode resource(String logicalId) {
        JsonNode resource = resources.path(logicalId);
        if (resource.isMissingNode()) {
            throw new IllegalArgumentException("No resource " + logicalId + " in the template");
        }
        return resource;
    }

    private static String text(JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException("Expected text after resolution, got " + node);
        }
        return node.asText();
    }
}
