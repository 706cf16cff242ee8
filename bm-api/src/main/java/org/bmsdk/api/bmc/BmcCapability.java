package org.bmsdk.api.bmc;

/**
 * What a BMC can do, one interface per feature, as bmclib does: asked for with
 * {@link BmcClient#capability(Class)}, because real BMCs differ in what they offer. New features
 * arrive as new capability interfaces, so existing drivers keep compiling.
 */
public interface BmcCapability {
}
