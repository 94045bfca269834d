<?xml version="1.0" encoding="UTF-8"?>
<!-- The audit log: every admin write, newest first, filtered by admin,
     action, target and date; read only. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('admin.nav.audit')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="a" select="audit"/>
    <h1><xsl:value-of select="m:t('admin.nav.audit')"/></h1>
    <form class="admin-filters" action="/admin/audit" method="get">
      <label><span><xsl:value-of select="m:t('admin.audit.admin')"/></span><input type="text" name="admin" maxlength="64" value="{$a/@admin}"/></label>
      <label><span><xsl:value-of select="m:t('admin.audit.action')"/></span><input type="text" name="action" maxlength="60" value="{$a/@action}" placeholder="order."/></label>
      <label><span><xsl:value-of select="m:t('admin.audit.target')"/></span><input type="text" name="target" maxlength="30" value="{$a/@target}"/></label>
      <label><span><xsl:value-of select="m:t('admin.audit.ref')"/></span><input type="text" name="ref" maxlength="64" value="{$a/@ref}"/></label>
      <label><span><xsl:value-of select="m:t('admin.from')"/></span><input type="date" name="from" value="{$a/@from}"/></label>
      <label><span><xsl:value-of select="m:t('admin.to')"/></span><input type="date" name="to" value="{$a/@to}"/></label>
      <button type="submit"><xsl:value-of select="m:t('admin.filter')"/></button>
    </form>
    <xsl:choose>
      <xsl:when test="$a/entry">
        <div class="table-scroll">
          <table class="data admin-table audit">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('admin.audit.at')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.audit.admin')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.audit.action')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.audit.target')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.audit.before')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.audit.after')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.reason')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$a/entry">
                <tr id="audit-{@id}">
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@at"/></xsl:call-template><br/><span class="muted"><xsl:value-of select="@ip"/></span></td>
                  <td><xsl:value-of select="@admin"/></td>
                  <td><code><xsl:value-of select="@action"/></code></td>
                  <td><xsl:value-of select="@target"/><xsl:text> </xsl:text><xsl:variable name="ref-q"><xsl:call-template name="url-encode"><xsl:with-param name="s" select="@ref"/></xsl:call-template></xsl:variable>
                    <a href="/admin/audit?target={@target}&amp;ref={$ref-q}"><xsl:value-of select="@ref"/></a></td>
                  <td class="fields"><xsl:call-template name="admin-fields"><xsl:with-param name="text" select="before"/></xsl:call-template></td>
                  <td class="fields"><xsl:call-template name="admin-fields"><xsl:with-param name="text" select="after"/></xsl:call-template></td>
                  <td class="wrap-text"><xsl:value-of select="reason"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <xsl:call-template name="admin-pager"><xsl:with-param name="list" select="$a"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.audit.none')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
