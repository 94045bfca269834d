<?xml version="1.0" encoding="UTF-8"?>
<!-- The admin's buyers: newest first, searched by email, nickname or id. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('admin.nav.buyers')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="l" select="buyers"/>
    <h1><xsl:value-of select="m:t('admin.nav.buyers')"/></h1>
    <form class="admin-filters" action="/admin/buyers" method="get" role="search">
      <label><span><xsl:value-of select="m:t('admin.buyers.search')"/></span><input type="search" name="q" maxlength="254" value="{$l/@q}"/></label>
      <button type="submit"><xsl:value-of select="m:t('admin.filter')"/></button>
    </form>
    <xsl:choose>
      <xsl:when test="$l/buyer">
        <div class="table-scroll">
          <table class="data admin-table buyers">
            <thead>
              <tr>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.buyers.id')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.buyers.email')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.buyers.name')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.buyers.balance')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.buyers.orders')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.buyers.registered')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$l/buyer">
                <tr>
                  <td class="num"><a href="/admin/buyers/{@id}"><xsl:value-of select="@id"/></a></td>
                  <td><a href="/admin/buyers/{@id}"><xsl:value-of select="@email"/></a></td>
                  <td><xsl:value-of select="name"/></td>
                  <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="balance"/></xsl:call-template></td>
                  <td class="num"><a href="/admin/orders?buyer={@id}"><xsl:value-of select="@orders"/></a></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <xsl:call-template name="admin-pager"><xsl:with-param name="list" select="$l"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.buyers.none')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
