package org.bmsdk.testkit.redfish.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The messages of DMTF's Base registry that the simulator answers with, and the Redfish error body
 * ({@code {"error": {"code", "message", "@Message.ExtendedInfo": [...]}}}) built from them.
 */
public final class Messages {

    /** The Base registry prefix and version used in message ids. */
    public static final String BASE = "Base.1.19.";
    /** The registry for resource events. */
    public static final String RESOURCE_EVENT = "ResourceEvent.1.4.";
    private static final String MESSAGE_TYPE = "#Message.v1_3_0.Message";

    private Messages() {
    }

    /**
     * One message of a registry.
     *
     * @param id the full message id, such as {@code Base.1.19.GeneralError}
     * @param text the human-readable text
     * @param args the message arguments
     * @param severity OK, Warning or Critical
     * @param resolution what the client should do
     */
    public record Message(String id, String text, List<String> args, String severity, String resolution) {
    }

    /**
     * Builds an error body around a message.
     *
     * @param m the message
     * @return the body
     */
    public static ObjectNode errorBody(Message m) {
        ObjectNode error = Json.object();
        error.put("code", m.id());
        error.put("message", m.text());
        ArrayNode info = Json.array();
        info.add(extendedInfo(m));
        error.set("@Message.ExtendedInfo", info);
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }

    /**
     * A message as an entry of {@code @Message.ExtendedInfo} or of a task's {@code Messages}.
     *
     * @param m the message
     * @return the object
     */
    public static ObjectNode extendedInfo(Message m) {
        ObjectNode o = Json.object();
        o.put("@odata.type", MESSAGE_TYPE);
        o.put("MessageId", m.id());
        o.put("Message", m.text());
        ArrayNode args = Json.array();
        m.args().forEach(args::add);
        o.set("MessageArgs", args);
        o.put("MessageSeverity", m.severity());
        o.put("Resolution", m.resolution());
        return o;
    }

    private static Message base(String name, String text, String severity, String resolution, String... args) {
        return new Message(BASE + name, text, List.of(args), severity, resolution);
    }

    /** @return Base.Success */
    public static Message success() {
        return base("Success", "The request completed successfully.", "OK", "None.");
    }

    /** @return Base.Created */
    public static Message created() {
        return base("Created", "The resource was created successfully.", "OK", "None.");
    }

    /**
     * @param detail what went wrong, without secrets
     * @return Base.GeneralError
     */
    public static Message generalError(String detail) {
        return base("GeneralError", "A general error has occurred. " + detail, "Critical",
                "None.");
    }

    /**
     * @param uri the path asked for
     * @return Base.ResourceMissingAtURI
     */
    public static Message resourceMissing(String uri) {
        return base("ResourceMissingAtURI", "The resource at the URI '" + uri + "' was not found.", "Critical",
                "Place a valid resource at the URI or correct the URI and resubmit the request.", uri);
    }

    /**
     * @param method the HTTP method
     * @param uri the path
     * @return Base.OperationNotAllowed
     */
    public static Message operationNotAllowed(String method, String uri) {
        return base("OperationNotAllowed", "The HTTP method " + method + " is not allowed on the URI " + uri + ".",
                "Critical", "Change the request and resubmit.");
    }

    /** @return Base.MalformedJSON */
    public static Message malformedJson() {
        return base("MalformedJSON", "The request body submitted was malformed JSON and could not be parsed by"
                + " the receiving service.", "Critical", "Ensure that the request body is valid JSON and resubmit"
                + " the request.");
    }

    /**
     * @param property the unknown property
     * @return Base.PropertyUnknown
     */
    public static Message propertyUnknown(String property) {
        return base("PropertyUnknown", "The property " + property + " is not in the list of valid properties for"
                + " the resource.", "Warning", "Remove the unknown property from the request body and resubmit"
                + " the request if the operation failed.", property);
    }

    /**
     * @param property the read-only property
     * @return Base.PropertyNotWritable
     */
    public static Message propertyNotWritable(String property) {
        return base("PropertyNotWritable", "The property " + property + " is a read-only property and cannot be"
                + " assigned a value.", "Warning", "Remove the property from the request body and resubmit the"
                + " request if the operation failed.", property);
    }

    /**
     * @param value the value given
     * @param property the property
     * @return Base.PropertyValueNotInList
     */
    public static Message propertyValueNotInList(String value, String property) {
        return base("PropertyValueNotInList", "The value '" + value + "' for the property " + property
                + " is not in the list of acceptable values.", "Warning",
                "Choose a value from the enumeration list that the implementation can support and resubmit the"
                        + " request if the operation failed.", value, property);
    }

    /**
     * @param value the value given
     * @param property the property
     * @return Base.PropertyValueTypeError
     */
    public static Message propertyValueTypeError(String value, String property) {
        return base("PropertyValueTypeError", "The value '" + value + "' for the property " + property
                + " is not a type that the property can accept.", "Warning",
                "Correct the value for the property in the request body and resubmit the request if the operation"
                        + " failed.", value, property);
    }

    /**
     * @param value the value given
     * @param property the property
     * @return Base.PropertyValueFormatError
     */
    public static Message propertyValueFormatError(String value, String property) {
        return base("PropertyValueFormatError", "The value '" + value + "' for the property " + property
                + " is not a format that the property can accept.", "Warning",
                "Correct the value for the property in the request body and resubmit the request if the operation"
                        + " failed.", value, property);
    }

    /**
     * @param property the missing property
     * @return Base.PropertyMissing
     */
    public static Message propertyMissing(String property) {
        return base("PropertyMissing", "The property " + property + " is a required property and must be"
                + " included in the request.", "Warning", "Ensure that the property is in the request body and has"
                + " a valid value and resubmit the request if the operation failed.", property);
    }

    /**
     * @param action the action
     * @param parameter the missing parameter
     * @return Base.ActionParameterMissing
     */
    public static Message actionParameterMissing(String action, String parameter) {
        return base("ActionParameterMissing", "The action " + action + " requires the parameter " + parameter
                + " to be present in the request body.", "Critical", "Supply the action with the required"
                + " parameter in the request body when the request is resubmitted.", action, parameter);
    }

    /**
     * @param value the value given
     * @param parameter the parameter
     * @param action the action
     * @return Base.ActionParameterValueNotInList
     */
    public static Message actionParameterValueNotInList(String value, String parameter, String action) {
        return base("ActionParameterValueNotInList", "The value '" + value + "' for the parameter " + parameter
                + " in the action " + action + " is not in the list of acceptable values.", "Warning",
                "Choose a value from the enumeration list that the implementation can support and resubmit the"
                        + " request if the operation failed.", value, parameter, action);
    }

    /**
     * @param action the action
     * @param reason why it cannot run now
     * @return Base.ActionNotSupported-like conflict (Base.OperationNotAllowed has no argument for why)
     */
    public static Message resourceInStandby(String action, String reason) {
        return base("ResourceInStandby", "The request could not be performed because the resource is in standby:"
                + " " + action + " " + reason + ".", "Critical", "Ensure that the resource is in the correct power"
                + " state and resubmit the request.");
    }

    /** @return Base.ResourceInUse */
    public static Message resourceInUse() {
        return base("ResourceInUse", "The change to the requested resource failed because the resource is in use"
                + " or in transition.", "Warning", "Remove the condition and resubmit the request if the operation"
                + " failed.");
    }

    /** @return Base.NoValidSession */
    public static Message noValidSession() {
        return base("NoValidSession", "There is no valid session established with the implementation.",
                "Critical", "Establish a session before attempting any operations.");
    }

    /** @return Base.ResourceAtUriUnauthorized-like login failure (Base.InsufficientPrivilege does not fit) */
    public static Message loginFailed() {
        return base("GeneralError", "A general error has occurred. The user name or password is not valid.",
                "Critical", "Check the credentials and resubmit the request.");
    }

    /** @return Base.SessionLimitExceeded */
    public static Message sessionLimitExceeded() {
        return base("SessionLimitExceeded", "The session establishment failed due to the number of simultaneous"
                + " sessions exceeding the limit of the implementation.", "Critical",
                "Reduce the number of other sessions before trying to establish the session or increase the limit"
                        + " of simultaneous sessions, if supported.");
    }

    /**
     * @param retryAfterSeconds when to retry, or 0
     * @return Base.ServiceTemporarilyUnavailable
     */
    public static Message serviceTemporarilyUnavailable(long retryAfterSeconds) {
        return base("ServiceTemporarilyUnavailable", "The service is temporarily unavailable. Retry in "
                + retryAfterSeconds + " seconds.", "Critical", "Wait for the indicated retry duration and retry the"
                + " operation.", Long.toString(retryAfterSeconds));
    }

    /** @return Base.PreconditionFailed */
    public static Message preconditionFailed() {
        return base("PreconditionFailed", "The ETag supplied did not match the ETag required to change this"
                + " resource.", "Critical", "Try the operation again using the appropriate ETag.");
    }

    /** @return Base.PreconditionRequired */
    public static Message preconditionRequired() {
        return base("PreconditionRequired", "A precondition header or annotation is required to change this"
                + " resource.", "Critical", "Try the operation again using an If-Match or If-None-Match header and"
                + " appropriate ETag.");
    }

    /**
     * @param status the HTTP status injected
     * @return Base.GeneralError for an injected failure
     */
    public static Message injected(int status) {
        return generalError("Injected failure (HTTP " + status + ").");
    }

    /**
     * @param path the resource that powered on or off
     * @param on true for on
     * @return ResourceEvent.ResourcePoweredOn or ResourcePoweredOff
     */
    public static Message powered(String path, boolean on) {
        String name = on ? "ResourcePoweredOn" : "ResourcePoweredOff";
        return new Message(RESOURCE_EVENT + name, "The resource '" + path + "' has powered " + (on ? "on" : "off")
                + ".", List.of(path), "OK", "None.");
    }

    /**
     * @param taskId the task
     * @return TaskEvent.TaskStarted
     */
    public static Message taskStarted(String taskId) {
        return new Message("TaskEvent.1.0.TaskStarted", "The task with Id '" + taskId + "' has started.",
                List.of(taskId), "OK", "None.");
    }

    /**
     * @param taskId the task
     * @return TaskEvent.TaskCompletedOK
     */
    public static Message taskCompleted(String taskId) {
        return new Message("TaskEvent.1.0.TaskCompletedOK", "The task with Id '" + taskId
                + "' has completed.", List.of(taskId), "OK", "None.");
    }
}
