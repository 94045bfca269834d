<?xml version="1.0" encoding="UTF-8"?>
<!-- The vendors: newest first, filtered by slug or name and by status,
     with their products and active API keys. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('admin.nav.vendors')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="l" select="vendors"/>
    <h1><xsl:value-of select="m:t('admin.nav.vendors')"/></h1>
    <p class="admin-actions"><a class="button primary" href="/admin/vendors/new"><xsl:value-of select="m:t('admin.vendors.new')"/></a></p>
    <form class="admin-filters" action="/admin/vendors" method="get">
      <label><span><xsl:value-of select="m:t('admin.vendors.search')"/></span><input type="search" name="q" maxlength="100" value="{$l/@q}"/></label>
      <label><span><xsl:value-of select="m:t('admin.vendors.status')"/></span>
        <select name="status">
          <option value=""><xsl:value-of select="m:t('admin.vendors.any')"/></option>
          <option value="active">
            <xsl:if test="$l/@status = 'active'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:value-of select="m:t('admin.vendors.status.active')"/>
          </option>
          <option value="suspended">
            <xsl:if test="$l/@status = 'suspended'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:value-of select="m:t('admin.vendors.status.suspended')"/>
          </option>
        </select>
      </label>
      <button type="submit"><xsl:value-of select="m:t('admin.filter')"/></button>
    </form>
    <xsl:choose>
      <xsl:when test="$l/vendor">
        <div class="table-scroll">
          <table class="data admin-table vendors">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('admin.vendors.slug')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendors.name')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendors.status')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.vendors.products')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.vendors.active_keys')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.created')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$l/vendor">
                <tr id="vendor-{@slug}">
                  <td><a href="/admin/vendors/{@slug}"><code><xsl:value-of select="@slug"/></code></a></td>
                  <td><xsl:value-of select="name-zh"/><br/><span class="muted"><xsl:value-of select="name-en"/></span></td>
                  <td><xsl:call-template name="status"><xsl:with-param name="prefix" select="'admin.vendors.status.'"/><xsl:with-param name="value" select="@status"/></xsl:call-template></td>
                  <td class="num"><xsl:value-of select="@products"/><span class="muted"> (<xsl:value-of select="@listed"/><xsl:text> </xsl:text><xsl:value-of select="m:t('admin.vendors.listed')"/>)</span></td>
                  <td class="num"><xsl:value-of select="@active-keys"/></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <xsl:call-template name="admin-pager"><xsl:with-param name="list" select="$l"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.vendors.none')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
