// server.js — an independent SCIM 2.0 service for the SCIM destination tests
// (tests/scim/test-scim.c): SCIMMY does the protocol (schemas, filters,
// PATCH, errors), scimmy-routers the HTTP endpoints; the handlers below are
// the storage, kept in memory.
//
//   SCIM_TOKEN=… SCIM_BASIC=user:password node server.js
//
// listens on a free port of 127.0.0.1 and prints "listening on PORT".
// /scim is the service. /_test (no authentication, 127.0.0.1 only) drives
// the behaviours the tests need:
//   POST /_test/reset                          forget everything, counters included
//   GET  /_test/stats                          {writes, requests, log: ["POST /Users", …]}
//   POST /_test/counters/reset                 counters and log to zero
//   POST /_test/reject   {userName, status, scimType, detail}
//                                              writes of that user fail so (status 0: no more)
//   POST /_test/throttle {count, retryAfter}   the next COUNT requests answer 429
//   POST /_test/slow     {ms}                  every write waits MS first
//
// Users carry an Activity extension whose lastLogin says when they last
// signed in (set through /scim like any attribute, as the platform would):
// how Headcount sees that an invited member joined. SCIM_SIGN_IN=0 starts a
// service without it, which never says whether users signed in.
// SCIM_LIMITED=1 starts one with no PATCH, filter, extension or Groups.
//
// SPDX-License-Identifier: GPL-3.0-or-later

import express from "express";
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";
import {randomUUID} from "node:crypto";

const token = process.env.SCIM_TOKEN ?? "";
const basic = process.env.SCIM_BASIC ?? "";

const users = new Map();
const groups = new Map();
let rejects = new Map();
let throttle = {count: 0, retryAfter: 1};
let slowMs = 0;
let stats = {writes: 0, requests: 0, log: []};

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
// A custom extension the service offers, for custom fields.
const CUSTOM = "urn:ietf:params:scim:schemas:extension:headcount-test:2.0:User";

const custom = new SCIMMY.Types.SchemaDefinition("HeadcountTest", CUSTOM, "Custom attributes of the test service", [
    new SCIMMY.Types.Attribute("string", "costCenter"),
    new SCIMMY.Types.Attribute("string", "tshirtSize"),
]);

// Where the service records sign-ins (left out with SCIM_SIGN_IN=0).
const ACTIVITY = "urn:ietf:params:scim:schemas:extension:headcount-test:2.0:Activity";
const activity = new SCIMMY.Types.SchemaDefinition("Activity", ACTIVITY, "When the user last signed in", [
    new SCIMMY.Types.Attribute("dateTime", "lastLogin"),
]);
const signIn = process.env.SCIM_SIGN_IN !== "0";
// SCIM_LIMITED=1: a service with less to offer, as many platforms are: no
// PATCH (PUT only), no filter, no enterprise or other extension, no Groups.
const limited = process.env.SCIM_LIMITED === "1";

SCIMMY.Config.set({
    documentationUri: "https://example.invalid/scim",
    patch: !limited,
    filter: limited ? false : 200,
    bulk: false,
    sort: false,
    etag: false,
    changePassword: false,
});

function clone(value) {
    return JSON.parse(JSON.stringify(value));
}

function now() {
    return new Date().toISOString();
}

// Uniqueness of userName, case-insensitive as RFC 7643 says (caseExact false).
function assertUniqueUserName(userName, id) {
    for (const user of users.values())
        if (user.id !== id && String(user.userName).toLowerCase() === String(userName).toLowerCase())
            throw new SCIMMY.Types.Error(409, "uniqueness", `userName ${userName} is already taken`);
}

function listOrOne(store, resource) {
    if (resource.id) {
        const found = store.get(resource.id);
        if (!found) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
        return clone(found);
    }
    const all = [...store.values()].map(clone);
    return resource.filter ? resource.filter.match(all) : all;
}

function store(storeMap, resource, instance, kind) {
    const data = clone(instance);
    const time = now();

    if (resource.id) {
        const existing = storeMap.get(resource.id);
        if (!existing) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
        const replaced = {...data, id: existing.id, meta: {...existing.meta, lastModified: time}};
        storeMap.set(existing.id, replaced);
        return clone(replaced);
    }
    const created = {...data, id: randomUUID(), meta: {resourceType: kind, created: time, lastModified: time}};
    storeMap.set(created.id, created);
    return clone(created);
}

const UserResource = limited ? SCIMMY.Resources.User
    : SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false).extend(custom, false);
if (signIn && !limited) UserResource.extend(activity, false);

SCIMMY.Resources.declare(UserResource)
    .ingress((resource, instance) => {
        const rejected = rejects.get(String(instance.userName).toLowerCase());
        if (rejected)
            throw new SCIMMY.Types.Error(rejected.status ?? 400, rejected.scimType ?? null, rejected.detail ?? "Rejected by the test service");
        assertUniqueUserName(instance.userName, resource.id);
        return store(users, resource, instance, "User");
    })
    .egress((resource) => listOrOne(users, resource))
    .degress((resource) => {
        if (!users.delete(resource.id)) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
        for (const group of groups.values())
            group.members = (group.members ?? []).filter(m => m.value !== resource.id);
    });

if (!limited) SCIMMY.Resources.declare(SCIMMY.Resources.Group)
    .ingress((resource, instance) => {
        for (const group of groups.values())
            if (group.id !== resource.id && group.displayName === instance.displayName)
                throw new SCIMMY.Types.Error(409, "uniqueness", `displayName ${instance.displayName} is already taken`);
        for (const member of instance.members ?? [])
            if (!users.has(member.value) && !groups.has(member.value))
                throw new SCIMMY.Types.Error(400, "invalidValue", `No member with id ${member.value}`);
        return store(groups, resource, instance, "Group");
    })
    .egress((resource) => listOrOne(groups, resource))
    .degress((resource) => {
        if (!groups.delete(resource.id)) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
    });

const app = express();
app.disable("x-powered-by");

// The behaviours of the tests.
const control = express.Router();
control.use(express.json());
control.post("/reset", (req, res) => {
    users.clear();
    groups.clear();
    rejects = new Map();
    throttle = {count: 0, retryAfter: 1};
    slowMs = 0;
    stats = {writes: 0, requests: 0, log: []};
    res.status(204).end();
});
control.get("/stats", (req, res) => res.json(stats));
control.post("/counters/reset", (req, res) => {
    stats = {writes: 0, requests: 0, log: []};
    res.status(204).end();
});
control.post("/reject", (req, res) => {
    if (req.body.status) rejects.set(String(req.body.userName).toLowerCase(), req.body);
    else rejects.delete(String(req.body.userName).toLowerCase());
    res.status(204).end();
});
control.post("/throttle", (req, res) => {
    throttle = {count: Number(req.body.count ?? 1), retryAfter: Number(req.body.retryAfter ?? 1)};
    res.status(204).end();
});
control.post("/slow", (req, res) => {
    slowMs = Number(req.body.ms ?? 0);
    res.status(204).end();
});
app.use("/_test", control);

// Counting, throttling and slowing down the service's requests.
app.use("/scim", (req, res, next) => {
    const write = ["POST", "PUT", "PATCH", "DELETE"].includes(req.method);

    stats.requests++;
    if (throttle.count > 0) {
        throttle.count--;
        stats.log.push(`${req.method} ${req.path} 429`);
        res.set("Retry-After", String(throttle.retryAfter));
        res.status(429).type("application/scim+json").send({
            schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
            status: "429",
            detail: "Too many requests",
        });
        return;
    }
    if (write) stats.writes++;
    stats.log.push(`${req.method} ${req.path}`);
    if (write && slowMs > 0) setTimeout(next, slowMs);
    else next();
});

app.use("/scim", new SCIMMYRouters({
    type: "bearer",
    docUri: "https://example.invalid/scim/auth",
    handler: (request) => {
        const header = request.header("Authorization") ?? "";

        if (token && header === `Bearer ${token}`) return "headcount";
        if (basic && header === `Basic ${Buffer.from(basic).toString("base64")}`) return "headcount";
        throw new Error("Authorization failure");
    },
}));

// SCIMMYRouters says PATCH, filter, sort and bulk are supported: the
// limited service says otherwise, once the routers are made.
if (limited) SCIMMY.Config.set({patch: false, filter: false, sort: false, bulk: false});

const server = app.listen(0, "127.0.0.1", () => {
    console.log(`listening on ${server.address().port}`);
});

// Ends with the test binary that started it (its stdin closes).
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
