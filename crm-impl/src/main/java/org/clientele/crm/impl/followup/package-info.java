/** Follow-ups: tasks by hand and by rule, each rule's follow-up created once, with work lists and overdue listing. */
package org.clientele.crm.impl.followup;
