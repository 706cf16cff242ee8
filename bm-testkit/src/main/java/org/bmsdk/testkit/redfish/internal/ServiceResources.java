package org.bmsdk.testkit.redfish.internal;

import static org.bmsdk.testkit.redfish.internal.BmcModel.ROOT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The service root, the session service with its sessions (login and logout) and a minimal
 * account service with the one account.
 */
final class ServiceResources {

    static final String SESSIONS = ROOT + "/SessionService/Sessions";

    private final BmcModel bmc;
    private final FaultState faults;
    private final UUID serviceUuid = UUID.randomUUID();

    ServiceResources(BmcModel bmc, FaultState faults) {
        this.bmc = bmc;
        this.faults = faults;
    }

    void register(Routes r) {
        r.get("/redfish", c -> {
            ObjectNode o = Json.object();
            o.put("v1", ROOT + "/");
            return o;
        });
        r.get(ROOT, c -> root());
        r.get(ROOT + "/SessionService", c -> sessionService());
        r.get(SESSIONS, c -> Json.collection(SESSIONS, "SessionCollection", "Session Collection",
                bmc.sessions().list().stream().map(s -> Paths.join(SESSIONS, s.id())).toList()));
        r.post(SESSIONS, this::login);
        r.get(SESSIONS + "/{session}", c -> session(bmc.sessions().get(c.param("session"))
                .orElseThrow(() -> BmcModel.notFound(c))));
        r.delete(SESSIONS + "/{session}", c -> {
            if (!bmc.sessions().close(c.param("session"))) {
                throw BmcModel.notFound(c);
            }
            return Response.empty(204);
        });
        r.get(ROOT + "/AccountService", c -> accountService());
        r.get(ROOT + "/AccountService/Accounts", c -> Json.collection(ROOT + "/AccountService/Accounts",
                "ManagerAccountCollection", "Accounts Collection", List.of(ROOT + "/AccountService/Accounts/1")));
        r.get(ROOT + "/AccountService/Accounts/{account}", c -> {
            if (!c.param("account").equals("1")) {
                throw BmcModel.notFound(c);
            }
            return account();
        });
    }

    private ObjectNode root() {
        ObjectNode o = Json.resource(ROOT + "/", "#ServiceRoot.v1_20_0.ServiceRoot", "RootService", "Root Service");
        o.put("RedfishVersion", "1.22.0");
        o.put("UUID", serviceUuid.toString());
        o.put("Vendor", bmc.spec().vendor());
        o.put("Product", bmc.spec().product());
        ObjectNode features = Json.object();
        features.put("FilterQuery", false);
        features.put("SelectQuery", false);
        features.put("ExcerptQuery", false);
        features.put("OnlyMemberQuery", false);
        o.set("ProtocolFeaturesSupported", features);
        o.set("Systems", Json.link(ROOT + "/Systems"));
        o.set("Chassis", Json.link(ROOT + "/Chassis"));
        o.set("Managers", Json.link(ROOT + "/Managers"));
        o.set("SessionService", Json.link(ROOT + "/SessionService"));
        o.set("AccountService", Json.link(ROOT + "/AccountService"));
        o.set("EventService", Json.link(ROOT + "/EventService"));
        o.set("Tasks", Json.link(ROOT + "/TaskService"));
        ObjectNode links = Json.object();
        links.set("Sessions", Json.link(SESSIONS));
        o.set("Links", links);
        return o;
    }

    private ObjectNode sessionService() {
        ObjectNode o = Json.resource(ROOT + "/SessionService", "#SessionService.v1_2_0.SessionService",
                "SessionService", "Session Service");
        o.put("ServiceEnabled", true);
        o.put("SessionTimeout", bmc.sessions().timeout().toSeconds());
        o.set("Status", Json.status("Enabled", "OK"));
        o.set("Sessions", Json.link(SESSIONS));
        return o;
    }

    private ObjectNode session(SessionStore.Session s) {
        ObjectNode o = Json.resource(Paths.join(SESSIONS, s.id()), "#Session.v1_8_0.Session", s.id(),
                "User Session");
        o.put("UserName", s.user());
        o.putNull("Password");
        o.put("SessionType", "Redfish");
        o.put("CreatedTime", s.created().toString());
        return o;
    }

    private Response login(Call c) {
        ObjectNode body = c.body();
        String user = text(body, "UserName");
        String pass = text(body, "Password");
        if (user == null) {
            throw new RedfishException(400, Messages.propertyMissing("UserName"));
        }
        if (pass == null) {
            throw new RedfishException(400, Messages.propertyMissing("Password"));
        }
        if (faults.refusesLogins() || !bmc.spec().acceptsCredentials(user, pass)) {
            throw new RedfishException(401, Messages.loginFailed());
        }
        Optional<SessionStore.Login> login = bmc.sessions().open(user);
        if (login.isEmpty()) {
            throw new RedfishException(bmc.spec().sessionLimitStatus(), Messages.sessionLimitExceeded());
        }
        SessionStore.Session s = login.get().session();
        byte[] json = Json.bytes(session(s));
        return Response.jsonBytes(201, json)
                .header("X-Auth-Token", login.get().token())
                .header("Location", Paths.join(SESSIONS, s.id()))
                .header("ETag", ETags.of(json));
    }

    private ObjectNode accountService() {
        ObjectNode o = Json.resource(ROOT + "/AccountService", "#AccountService.v1_18_1.AccountService",
                "AccountService", "Account Service");
        o.put("ServiceEnabled", true);
        o.put("MinPasswordLength", 8);
        o.put("MaxPasswordLength", 64);
        o.put("AccountLockoutThreshold", 0);
        o.set("Status", Json.status("Enabled", "OK"));
        o.set("Accounts", Json.link(ROOT + "/AccountService/Accounts"));
        return o;
    }

    private ObjectNode account() {
        ObjectNode o = Json.resource(ROOT + "/AccountService/Accounts/1", "#ManagerAccount.v1_14_1.ManagerAccount",
                "1", "User Account");
        o.put("UserName", bmc.spec().username());
        o.putNull("Password");
        o.put("RoleId", "Administrator");
        o.put("Enabled", true);
        o.put("Locked", false);
        o.set("AccountTypes", Json.strings("Redfish"));
        return o;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && n.isTextual() ? n.asText() : null;
    }
}
