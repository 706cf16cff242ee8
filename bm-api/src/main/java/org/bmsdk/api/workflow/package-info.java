/**
 * The node lifecycle workflows: enrol and verify, inspect, clean, allocate, provision and release a
 * node, written only against the bm-api interfaces (BMC capabilities, tenant networks, block
 * storage, the ramdisk agent), so that any driver plugs in. {@link org.bmsdk.api.workflow.NodeWorkflows}
 * is the entry point; every workflow records the step it reaches in the store before doing it, so
 * that {@link org.bmsdk.api.workflow.NodeWorkflows#resume()} finishes or fails it after a crash.
 */
package org.bmsdk.api.workflow;
