/**
 * Documentation that cannot rot: the examples of a guide are regions of a compiled, executed test,
 * and {@link org.bmsdk.testkit.docs.DocSnippets} checks that the guide still shows them verbatim,
 * as bm-sdk's own guides do.
 */
package org.bmsdk.testkit.docs;
